package dev.sluice.events;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.UUID;

/**
 * The value types an event attribute may have: string, number (integral numbers become
 * {@code Long}, others {@code Double}), boolean and timestamp ({@code Instant}); the standard
 * attributes have their own types (Category, Priority, Primary, Duration).
 */
final class AttributeValues {

	private AttributeValues() {
	}

	/**
	 * The canonical value of attribute {@code name}, for a value given at a call.
	 *
	 * @throws IllegalArgumentException naming the attribute and the problem
	 */
	static Object strict(String name, Object value) {
		Object v = standard(name, value);
		if (v != null) {
			return v;
		}
		Object c = custom(value);
		if (c == null) {
			throw new IllegalArgumentException("event attribute '" + name + "': a value of type "
					+ value.getClass().getName() + " is not a string, number, boolean or timestamp");
		}
		return c;
	}

	/** Like {@link #strict}, but turns what it cannot store into its string form (context values). */
	static Object lenient(String name, Object value) {
		try {
			return strict(name, value);
		}
		catch (IllegalArgumentException e) {
			return String.valueOf(value);
		}
	}

	/**
	 * The attributes of a unit of work's context in event form: standard ones checked (a bad
	 * Category or Priority in the context is an error at the call), ones the event log sets
	 * itself left out, custom ones kept as strings when their type cannot be stored.
	 */
	static dev.sluice.context.Attributes fromContext(dev.sluice.context.Attributes base) {
		dev.sluice.context.Attributes out = dev.sluice.context.Attributes.empty();
		for (int i = 0; i < base.size(); i++) {
			String name = base.keyAt(i);
			switch (name) {
			case EventKeys.ID:
			case EventKeys.TIME:
			case EventKeys.LEVEL:
			case EventKeys.MODULE:
			case EventKeys.MESSAGE:
			case EventKeys.DETAIL:
			case EventKeys.MARKER:
				break;
			case EventKeys.CATEGORY:
			case EventKeys.PRIORITY:
			case EventKeys.PRIMARY:
				out = out.with(name, strict(name, base.valueAt(i)));
				break;
			default:
				out = out.with(name, lenient(name, base.valueAt(i)));
			}
		}
		return out;
	}

	private static Object standard(String name, Object value) {
		switch (name) {
		case EventKeys.CATEGORY:
			return Category.parse(value);
		case EventKeys.PRIORITY:
			return Priority.parse(value);
		case EventKeys.PRIMARY:
			if (value instanceof Boolean) {
				return value;
			}
			if ("true".equals(value) || "false".equals(value)) {
				return Boolean.valueOf((String) value);
			}
			throw new IllegalArgumentException("event attribute 'Primary' must be true or false, was '" + value + "'");
		case EventKeys.DURATION:
			if (value instanceof Duration) {
				return value;
			}
			throw new IllegalArgumentException("event attribute 'Duration' must be a java.time.Duration, was "
					+ value.getClass().getName());
		case EventKeys.ID:
		case EventKeys.TIME:
		case EventKeys.LEVEL:
		case EventKeys.MODULE:
		case EventKeys.MESSAGE:
		case EventKeys.DETAIL:
			throw new IllegalArgumentException("event attribute '" + name
					+ "' is set by the event log itself and cannot be given");
		default:
			return null;
		}
	}

	/** A custom value in canonical form, or null when the type is not storable. */
	static Object custom(Object value) {
		if (value instanceof String || value instanceof Boolean || value instanceof Long || value instanceof Double
				|| value instanceof Instant) {
			return value;
		}
		if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
			return ((Number) value).longValue();
		}
		if (value instanceof BigInteger) {
			BigInteger b = (BigInteger) value;
			return b.bitLength() < 64 ? (Object) b.longValue() : (Object) b.doubleValue();
		}
		if (value instanceof BigDecimal) {
			BigDecimal d = (BigDecimal) value;
			try {
				return d.longValueExact();
			}
			catch (ArithmeticException notIntegral) {
				return d.doubleValue();
			}
		}
		if (value instanceof Float) {
			return ((Float) value).doubleValue();
		}
		if (value instanceof Number) {
			return ((Number) value).doubleValue();
		}
		if (value instanceof CharSequence || value instanceof Enum || value instanceof UUID) {
			return value.toString();
		}
		if (value instanceof OffsetDateTime) {
			return ((OffsetDateTime) value).toInstant();
		}
		if (value instanceof ZonedDateTime) {
			return ((ZonedDateTime) value).toInstant();
		}
		if (value instanceof Date) {
			return ((Date) value).toInstant();
		}
		return null;
	}
}
