package dev.sluice.context;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * An immutable, ordered map of log attributes (name to value).
 *
 * <p>Adding or removing a key returns a new value and leaves this one untouched, so an
 * instance can be shared freely between threads and stored in a Reactor {@code Context}.
 * Keys keep the order in which they were first added; re-adding a key replaces its value in
 * place. Values are never {@code null}: {@link #with(String, Object)} with a null value removes
 * the key, as a JSON null would.
 *
 * <p>Log contexts are small (a handful of keys), so the representation is two parallel arrays:
 * lookups are a linear scan, which beats hashing at these sizes and allocates nothing.
 */
public final class Attributes {

	private static final Attributes EMPTY = new Attributes(new String[0], new Object[0]);

	private final String[] keys;
	private final Object[] values;

	private Attributes(String[] keys, Object[] values) {
		this.keys = keys;
		this.values = values;
	}

	/** The empty attribute map. */
	public static Attributes empty() {
		return EMPTY;
	}

	/** A map of one attribute. */
	public static Attributes of(String key, Object value) {
		return EMPTY.with(key, value);
	}

	/** A map of two attributes. */
	public static Attributes of(String k1, Object v1, String k2, Object v2) {
		return EMPTY.with(k1, v1).with(k2, v2);
	}

	/**
	 * A copy of {@code map}, in its iteration order; null values are skipped.
	 *
	 * @throws NullPointerException if the map or one of its keys is null
	 */
	public static Attributes from(Map<String, ?> map) {
		Attributes result = EMPTY;
		for (Map.Entry<String, ?> e : map.entrySet()) {
			result = result.with(Objects.requireNonNull(e.getKey(), "attribute name"), e.getValue());
		}
		return result;
	}

	/**
	 * This map with {@code key} set to {@code value} (or removed, when value is null).
	 *
	 * @throws NullPointerException if key is null
	 */
	public Attributes with(String key, Object value) {
		Objects.requireNonNull(key, "attribute name");
		if (value == null) {
			return without(key);
		}
		int i = indexOf(key);
		if (i >= 0) {
			if (values[i].equals(value)) {
				return this;
			}
			Object[] newValues = values.clone();
			newValues[i] = value;
			return new Attributes(keys, newValues);
		}
		String[] newKeys = Arrays.copyOf(keys, keys.length + 1);
		Object[] newValues = Arrays.copyOf(values, values.length + 1);
		newKeys[keys.length] = key;
		newValues[values.length] = value;
		return new Attributes(newKeys, newValues);
	}

	/** This map with every attribute of {@code other} added; other's values win. */
	public Attributes withAll(Attributes other) {
		if (other.isEmpty()) {
			return this;
		}
		if (isEmpty()) {
			return other;
		}
		Attributes result = this;
		for (int i = 0; i < other.keys.length; i++) {
			result = result.with(other.keys[i], other.values[i]);
		}
		return result;
	}

	/** This map without {@code key}. */
	public Attributes without(String key) {
		int i = indexOf(key);
		if (i < 0) {
			return this;
		}
		String[] newKeys = new String[keys.length - 1];
		Object[] newValues = new Object[values.length - 1];
		System.arraycopy(keys, 0, newKeys, 0, i);
		System.arraycopy(values, 0, newValues, 0, i);
		System.arraycopy(keys, i + 1, newKeys, i, keys.length - i - 1);
		System.arraycopy(values, i + 1, newValues, i, values.length - i - 1);
		return new Attributes(newKeys, newValues);
	}

	/** The value of {@code key}, or null when absent. */
	public Object get(String key) {
		int i = indexOf(key);
		return i < 0 ? null : values[i];
	}

	/** Whether {@code key} is present. */
	public boolean contains(String key) {
		return indexOf(key) >= 0;
	}

	public int size() {
		return keys.length;
	}

	public boolean isEmpty() {
		return keys.length == 0;
	}

	/** The name at position {@code index}, in insertion order. */
	public String keyAt(int index) {
		return keys[index];
	}

	/** The value at position {@code index}, in insertion order. */
	public Object valueAt(int index) {
		return values[index];
	}

	/** Calls {@code action} for each attribute, in insertion order. */
	public void forEach(BiConsumer<? super String, ? super Object> action) {
		for (int i = 0; i < keys.length; i++) {
			action.accept(keys[i], values[i]);
		}
	}

	/** An unmodifiable copy as a {@link Map}, in insertion order. */
	public Map<String, Object> asMap() {
		Map<String, Object> map = new LinkedHashMap<>(keys.length * 2);
		forEach(map::put);
		return Collections.unmodifiableMap(map);
	}

	private int indexOf(String key) {
		for (int i = 0; i < keys.length; i++) {
			if (keys[i].equals(key)) {
				return i;
			}
		}
		return -1;
	}

	@Override
	public boolean equals(Object o) {
		if (this == o) {
			return true;
		}
		if (!(o instanceof Attributes)) {
			return false;
		}
		Attributes other = (Attributes) o;
		if (other.size() != size()) {
			return false;
		}
		for (int i = 0; i < keys.length; i++) {
			if (!values[i].equals(other.get(keys[i]))) {
				return false;
			}
		}
		return true;
	}

	@Override
	public int hashCode() {
		int h = 0;
		for (int i = 0; i < keys.length; i++) {
			h += keys[i].hashCode() ^ values[i].hashCode();
		}
		return h;
	}

	@Override
	public String toString() {
		StringBuilder sb = new StringBuilder("{");
		for (int i = 0; i < keys.length; i++) {
			if (i > 0) {
				sb.append(", ");
			}
			sb.append(keys[i]).append('=').append(values[i]);
		}
		return sb.append('}').toString();
	}
}
