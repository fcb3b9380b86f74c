package dev.sluice.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One stored event, with the text's attributes. Immutable; {@link #attributes()} holds the
 * custom ones (String, Long, Double, Boolean or Instant values), in the order they were given.
 * Optional attributes (Detail, EntryPoint, User, OperationId, ActivityId, Duration, Comments)
 * are null when absent.
 */
public final class Event {

	private final UUID id;
	private final Instant time;
	private final EventLevel level;
	private final Priority priority;
	private final Category category;
	private final String module;
	private final String message;
	private final String detail;
	private final String entryPoint;
	private final String user;
	private final String operationId;
	private final String activityId;
	private final boolean primary;
	private final Duration duration;
	private final String comments;
	private final Map<String, Object> attributes;

	private Event(Builder b) {
		this.id = Objects.requireNonNull(b.id, "id");
		this.time = Objects.requireNonNull(b.time, "time");
		this.level = Objects.requireNonNull(b.level, "level");
		this.priority = Objects.requireNonNull(b.priority, "priority");
		this.category = Objects.requireNonNull(b.category, "category");
		this.module = Objects.requireNonNull(b.module, "module");
		this.message = Objects.requireNonNull(b.message, "message");
		this.detail = b.detail;
		this.entryPoint = b.entryPoint;
		this.user = b.user;
		this.operationId = b.operationId;
		this.activityId = b.activityId;
		this.primary = b.primary;
		this.duration = b.duration;
		this.comments = b.comments;
		this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(b.attributes));
	}

	public static Builder builder() {
		return new Builder();
	}

	/** A builder holding this event's values. */
	public Builder toBuilder() {
		Builder b = new Builder().id(id).time(time).level(level).priority(priority).category(category).module(module)
				.message(message).detail(detail).entryPoint(entryPoint).user(user).operationId(operationId)
				.activityId(activityId).primary(primary).duration(duration).comments(comments);
		attributes.forEach(b::attribute);
		return b;
	}

	/** Unique and time-ordered (UUIDv7). */
	public UUID id() {
		return id;
	}

	/** When the event happened. */
	public Instant time() {
		return time;
	}

	public EventLevel level() {
		return level;
	}

	public Priority priority() {
		return priority;
	}

	public Category category() {
		return category;
	}

	/** The logger name of the code that made it. */
	public String module() {
		return module;
	}

	public String message() {
		return message;
	}

	/** The exception and its stack trace, or null. */
	public String detail() {
		return detail;
	}

	public String entryPoint() {
		return entryPoint;
	}

	/** The user, or null for anonymous or system operations. */
	public String user() {
		return user;
	}

	public String operationId() {
		return operationId;
	}

	public String activityId() {
		return activityId;
	}

	/** Whether the event summarises its operation. */
	public boolean primary() {
		return primary;
	}

	/** How long it took, or null. */
	public Duration duration() {
		return duration;
	}

	public String comments() {
		return comments;
	}

	/** The custom attributes (unmodifiable). */
	public Map<String, Object> attributes() {
		return attributes;
	}

	/** Any attribute by the text's name ({@code "User"}, {@code "Category"}, or a custom one); null when absent. */
	public Object get(String name) {
		switch (name) {
		case EventKeys.ID:
			return id;
		case EventKeys.TIME:
			return time;
		case EventKeys.LEVEL:
			return level;
		case EventKeys.PRIORITY:
			return priority;
		case EventKeys.CATEGORY:
			return category;
		case EventKeys.MODULE:
			return module;
		case EventKeys.MESSAGE:
			return message;
		case EventKeys.DETAIL:
			return detail;
		case EventKeys.ENTRY_POINT:
			return entryPoint;
		case EventKeys.USER:
			return user;
		case EventKeys.OPERATION_ID:
			return operationId;
		case EventKeys.ACTIVITY_ID:
			return activityId;
		case EventKeys.PRIMARY:
			return primary;
		case EventKeys.DURATION:
			return duration;
		case EventKeys.COMMENTS:
			return comments;
		default:
			return attributes.get(name);
		}
	}

	/** The position of this event in newest-first order, for {@link EventQuery.Builder#before(String)}. */
	public String cursor() {
		return EventCursor.of(this);
	}

	@Override
	public boolean equals(Object o) {
		if (this == o) {
			return true;
		}
		if (!(o instanceof Event)) {
			return false;
		}
		Event e = (Event) o;
		return id.equals(e.id) && time.equals(e.time) && level == e.level && priority == e.priority
				&& category == e.category && module.equals(e.module) && message.equals(e.message)
				&& Objects.equals(detail, e.detail) && Objects.equals(entryPoint, e.entryPoint)
				&& Objects.equals(user, e.user) && Objects.equals(operationId, e.operationId)
				&& Objects.equals(activityId, e.activityId) && primary == e.primary
				&& Objects.equals(duration, e.duration) && Objects.equals(comments, e.comments)
				&& attributes.equals(e.attributes);
	}

	@Override
	public int hashCode() {
		return id.hashCode();
	}

	@Override
	public String toString() {
		return "Event{" + time + ' ' + level + ' ' + category + ' ' + module + ": " + message
				+ (user == null ? "" : ", User=" + user) + (operationId == null ? "" : ", OperationId=" + operationId)
				+ (duration == null ? "" : ", Duration=" + duration) + (primary ? ", Primary" : "")
				+ (attributes.isEmpty() ? "" : ", " + attributes) + '}';
	}

	/** Builds an {@link Event}; defaults: priority low, category system, primary true. Not thread-safe. */
	public static final class Builder {

		private UUID id;
		private Instant time;
		private EventLevel level = EventLevel.INFO;
		private Priority priority = Priority.LOW;
		private Category category = Category.SYSTEM;
		private String module;
		private String message;
		private String detail;
		private String entryPoint;
		private String user;
		private String operationId;
		private String activityId;
		private boolean primary = true;
		private Duration duration;
		private String comments;
		private final Map<String, Object> attributes = new LinkedHashMap<>();

		private Builder() {
		}

		public Builder id(UUID value) {
			this.id = value;
			return this;
		}

		public Builder time(Instant value) {
			this.time = value;
			return this;
		}

		public Builder level(EventLevel value) {
			this.level = value;
			return this;
		}

		public Builder priority(Priority value) {
			this.priority = value;
			return this;
		}

		public Builder category(Category value) {
			this.category = value;
			return this;
		}

		public Builder module(String value) {
			this.module = value;
			return this;
		}

		public Builder message(String value) {
			this.message = value;
			return this;
		}

		public Builder detail(String value) {
			this.detail = value;
			return this;
		}

		public Builder entryPoint(String value) {
			this.entryPoint = value;
			return this;
		}

		public Builder user(String value) {
			this.user = value;
			return this;
		}

		public Builder operationId(String value) {
			this.operationId = value;
			return this;
		}

		public Builder activityId(String value) {
			this.activityId = value;
			return this;
		}

		public Builder primary(boolean value) {
			this.primary = value;
			return this;
		}

		public Builder duration(Duration value) {
			this.duration = value;
			return this;
		}

		public Builder comments(String value) {
			this.comments = value;
			return this;
		}

		/**
		 * A custom attribute (null removes it).
		 *
		 * @throws IllegalArgumentException for a standard name or a value that is not a string,
		 *                                  number, boolean or timestamp
		 */
		public Builder attribute(String name, Object value) {
			Objects.requireNonNull(name, "attribute name");
			if (EventKeys.STANDARD.contains(name)) {
				throw new IllegalArgumentException("'" + name + "' is a standard event attribute; use its own setter");
			}
			if (value == null) {
				attributes.remove(name);
				return this;
			}
			attributes.put(name, AttributeValues.strict(name, value));
			return this;
		}

		/** The event; id defaults to a new UUIDv7 of its time. */
		public Event build() {
			if (id == null && time != null) {
				id = UuidV7.random(time.toEpochMilli());
			}
			return new Event(this);
		}
	}
}
