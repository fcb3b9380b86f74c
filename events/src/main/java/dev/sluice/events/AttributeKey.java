package dev.sluice.events;

import java.time.Instant;

/**
 * The key under which a custom attribute's value is indexed for equality queries: the name and
 * a canonical text of the value ({@code 7:OrderIdn:42}), so that equal values have one key whatever their Java type
 * (an integer and an integral decimal are one number: {@code 42} and {@code 42.0} both
 * {@code n:42}). Its first {@link #PREFIX} characters are indexed, the rest compared beside them.
 */
final class AttributeKey {

	/** Characters of a key in the index (PostgreSQL's btree takes entries of at most about 2.7 kB). */
	static final int PREFIX = 256;

	private static final double TWO_TO_63 = 0x1p63;

	private AttributeKey() {
	}

	/** The canonical key of {@code name} = {@code value} (a storable custom value). */
	static String of(String name, Object value) {
		// the name's length first: no name and value can spell another's key (PostgreSQL's text takes no NUL separator)
		return name.length() + ":" + name + canonical(value);
	}

	private static String canonical(Object v) {
		if (v instanceof String) {
			return "s:" + v;
		}
		if (v instanceof Long) {
			return "n:" + v;
		}
		if (v instanceof Double) {
			double d = (Double) v;
			if (d == Math.rint(d) && Math.abs(d) < TWO_TO_63) {
				return "n:" + (long) d;
			}
			return "n:" + Double.toString(d);
		}
		if (v instanceof Boolean) {
			return "b:" + v;
		}
		if (v instanceof Instant) {
			return "t:" + EventRows.nanos((Instant) v);
		}
		throw new IllegalArgumentException("not a storable attribute value: " + v.getClass().getName());
	}

	/** The indexed part of a key (the rest is compared beside it). */
	static String prefix(String key) {
		return key.length() <= PREFIX ? key : key.substring(0, PREFIX);
	}

	/** What follows the indexed part of a key, or null when the key fits in it. */
	static String rest(String key) {
		return key.length() <= PREFIX ? null : key.substring(PREFIX);
	}
}
