package dev.sluice.events;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link EventStore#query} looks for. Every filter set must match (AND); results are newest
 * first (by time, then id), at most {@link #limit()} of them, starting after the
 * {@link #before() cursor} when one is given. Immutable; build with {@link #builder()}.
 *
 * <pre>{@code
 * EventQuery.builder().since(now.minus(Duration.ofHours(1))).minLevel(EventLevel.WARNING)
 *         .category(Category.AUTH).attribute("AffectedUser", "bob").limit(50).build()
 * }</pre>
 */
public final class EventQuery {

	/** The default and the largest {@link #limit()}. */
	public static final int DEFAULT_LIMIT = 100;
	public static final int MAX_LIMIT = 10_000;

	private final Instant since;
	private final Instant until;
	private final EventLevel level;
	private final EventLevel minLevel;
	private final Category category;
	private final Priority priority;
	private final String user;
	private final String module;
	private final String operationId;
	private final Boolean primary;
	private final String text;
	private final Map<String, Object> attributes;
	private final int limit;
	private final String before;

	private EventQuery(Builder b) {
		this.since = b.since;
		this.until = b.until;
		this.level = b.level;
		this.minLevel = b.minLevel;
		this.category = b.category;
		this.priority = b.priority;
		this.user = b.user;
		this.module = b.module;
		this.operationId = b.operationId;
		this.primary = b.primary;
		this.text = b.text;
		this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(b.attributes));
		this.limit = b.limit;
		this.before = b.before;
	}

	public static Builder builder() {
		return new Builder();
	}

	/** Everything, newest first, {@link #DEFAULT_LIMIT} at a time. */
	public static EventQuery all() {
		return builder().build();
	}

	/** Events at or after this time, or null. */
	public Instant since() {
		return since;
	}

	/** Events before this time, or null. */
	public Instant until() {
		return until;
	}

	/** Exactly this level, or null. */
	public EventLevel level() {
		return level;
	}

	/** This level or above, or null. */
	public EventLevel minLevel() {
		return minLevel;
	}

	public Category category() {
		return category;
	}

	public Priority priority() {
		return priority;
	}

	public String user() {
		return user;
	}

	public String module() {
		return module;
	}

	public String operationId() {
		return operationId;
	}

	public Boolean primary() {
		return primary;
	}

	/** Text the message must contain (case-insensitive), or null. */
	public String text() {
		return text;
	}

	/** Attributes that must be equal (custom or standard names). */
	public Map<String, Object> attributes() {
		return attributes;
	}

	public int limit() {
		return limit;
	}

	/** Only events after this cursor ({@link Event#cursor()}) in newest-first order, or null. */
	public String before() {
		return before;
	}

	/** Builds an {@link EventQuery}; not thread-safe. */
	public static final class Builder {

		private Instant since;
		private Instant until;
		private EventLevel level;
		private EventLevel minLevel;
		private Category category;
		private Priority priority;
		private String user;
		private String module;
		private String operationId;
		private Boolean primary;
		private String text;
		private final Map<String, Object> attributes = new LinkedHashMap<>();
		private int limit = DEFAULT_LIMIT;
		private String before;

		private Builder() {
		}

		public Builder since(Instant value) {
			this.since = value;
			return this;
		}

		public Builder until(Instant value) {
			this.until = value;
			return this;
		}

		public Builder level(EventLevel value) {
			this.level = value;
			return this;
		}

		public Builder minLevel(EventLevel value) {
			this.minLevel = value;
			return this;
		}

		public Builder category(Category value) {
			this.category = value;
			return this;
		}

		public Builder priority(Priority value) {
			this.priority = value;
			return this;
		}

		public Builder user(String value) {
			this.user = value;
			return this;
		}

		public Builder module(String value) {
			this.module = value;
			return this;
		}

		public Builder operationId(String value) {
			this.operationId = value;
			return this;
		}

		public Builder primary(Boolean value) {
			this.primary = value;
			return this;
		}

		/** Events whose message contains {@code value}, ignoring case. */
		public Builder text(String value) {
			this.text = value;
			return this;
		}

		/**
		 * Events whose attribute {@code name} equals {@code value} (a string, number, boolean or
		 * Instant; numbers match across integral and decimal).
		 *
		 * @throws IllegalArgumentException for a value of another type
		 */
		public Builder attribute(String name, Object value) {
			Objects.requireNonNull(name, "attribute name");
			Objects.requireNonNull(value, "attribute value");
			Object v = EventKeys.STANDARD.contains(name) ? value : AttributeValues.custom(value);
			if (v == null) {
				throw new IllegalArgumentException("attribute '" + name + "': cannot match a value of type "
						+ value.getClass().getName());
			}
			attributes.put(name, v);
			return this;
		}

		/**
		 * At most {@code value} events (1 to {@value EventQuery#MAX_LIMIT}).
		 *
		 * @throws IllegalArgumentException outside that range
		 */
		public Builder limit(int value) {
			if (value < 1 || value > MAX_LIMIT) {
				throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + value);
			}
			this.limit = value;
			return this;
		}

		/**
		 * Continues after {@code cursor}, the {@link Event#cursor()} of the last event of the
		 * previous page.
		 *
		 * @throws IllegalArgumentException if it is not such a cursor
		 */
		public Builder before(String cursor) {
			if (cursor != null) {
				EventCursor.parse(cursor);
			}
			this.before = cursor;
			return this;
		}

		public EventQuery build() {
			return new EventQuery(this);
		}
	}
}
