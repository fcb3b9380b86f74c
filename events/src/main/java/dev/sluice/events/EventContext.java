package dev.sluice.events;

import java.util.Map;
import java.util.Objects;

import dev.sluice.context.Attributes;

/**
 * The attributes one call adds to its event: the text's {@code context={...}} argument together
 * with its shortcuts {@code category=}, {@code priority=} and {@code primary=}.
 *
 * <pre>{@code
 * events.info(EventContext.of("AffectedUser", name).category("auth"), "Created new user {}", name);
 * }</pre>
 *
 * <p>Immutable: each method returns a new value. Values are checked when they are given:
 * a category outside the seven, a priority other than low/medium/high, or a custom value that is
 * not a string, number, boolean or timestamp is an {@link IllegalArgumentException} naming the
 * attribute and the allowed values.
 */
public final class EventContext {

	private static final EventContext EMPTY = new EventContext(Attributes.empty());

	private final Attributes attributes;

	private EventContext(Attributes attributes) {
		this.attributes = attributes;
	}

	/** No attributes. */
	public static EventContext empty() {
		return EMPTY;
	}

	/** One attribute. */
	public static EventContext of(String name, Object value) {
		return EMPTY.and(name, value);
	}

	/** Two attributes. */
	public static EventContext of(String name1, Object value1, String name2, Object value2) {
		return EMPTY.and(name1, value1).and(name2, value2);
	}

	/** The attributes of {@code map}, in its order. */
	public static EventContext of(Map<String, ?> map) {
		EventContext c = EMPTY;
		for (Map.Entry<String, ?> e : map.entrySet()) {
			c = c.and(e.getKey(), e.getValue());
		}
		return c;
	}

	/** The category shortcut alone: {@code EventContext.category("config")}. */
	public static EventContext ofCategory(Object category) {
		return EMPTY.category(category);
	}

	/**
	 * This context with {@code name} set to {@code value} (null removes it).
	 *
	 * @throws IllegalArgumentException if the value does not fit the attribute
	 */
	public EventContext and(String name, Object value) {
		Objects.requireNonNull(name, "attribute name");
		if (value == null) {
			return new EventContext(attributes.without(name));
		}
		return new EventContext(attributes.with(name, AttributeValues.strict(name, value)));
	}

	/** This context with every attribute of {@code other} added; other's values win. */
	public EventContext and(EventContext other) {
		return new EventContext(attributes.withAll(other.attributes));
	}

	/**
	 * The {@code category=} shortcut: a {@link Category} or one of its names.
	 *
	 * @throws IllegalArgumentException naming the seven categories, for anything else
	 */
	public EventContext category(Object category) {
		return and(EventKeys.CATEGORY, Category.parse(category));
	}

	/**
	 * The {@code priority=} shortcut: a {@link Priority} or low, medium, high.
	 *
	 * @throws IllegalArgumentException for anything else
	 */
	public EventContext priority(Object priority) {
		return and(EventKeys.PRIORITY, Priority.parse(priority));
	}

	/** The {@code primary=} shortcut. */
	public EventContext primary(boolean primary) {
		return and(EventKeys.PRIMARY, primary);
	}

	/** The {@code Comments} attribute: the reason for the operation, if the user gave one. */
	public EventContext comments(String comments) {
		return and(EventKeys.COMMENTS, comments);
	}

	/** The attributes, in the order they were given. */
	public Attributes attributes() {
		return attributes;
	}

	public boolean isEmpty() {
		return attributes.isEmpty();
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof EventContext && ((EventContext) o).attributes.equals(attributes);
	}

	@Override
	public int hashCode() {
		return attributes.hashCode();
	}

	@Override
	public String toString() {
		return "EventContext" + attributes;
	}
}
