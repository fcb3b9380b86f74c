package dev.sluice.layouts;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The attribute and index accesses after a {@code str.format} field's name, as in
 * {@code {foo[0].bar[k].baz}}: {@code [digits]} indexes a list or an array (or looks an integer key up
 * in a map), {@code [text]} looks the text up in a map (quotes included, as Python does), {@code .name}
 * reads a map's entry, a record component, a getter or a public field. What Python would fail on
 * (a missing key or attribute, an index out of range) fails the record with a {@link FieldError}.
 * Immutable and thread-safe.
 */
final class FieldPath {

	private final List<String> steps; // "[key" or ".name"

	private FieldPath(List<String> steps) {
		this.steps = steps;
	}

	/**
	 * Parses the accesses of a field, {@code rest} being what follows its name ({@code "[0].bar"}).
	 *
	 * @throws IllegalArgumentException when they are not accesses
	 */
	static FieldPath parse(String field, String rest) {
		List<String> steps = new ArrayList<>();
		int i = 0;
		while (i < rest.length()) {
			char c = rest.charAt(i);
			if (c == '[') {
				int close = rest.indexOf(']', i);
				if (close < 0 || close == i + 1) {
					throw new IllegalArgumentException("field {" + field + "}: expected '[key]'");
				}
				steps.add("[" + rest.substring(i + 1, close));
				i = close + 1;
			}
			else if (c == '.') {
				int end = i + 1;
				while (end < rest.length() && rest.charAt(end) != '.' && rest.charAt(end) != '[') {
					end++;
				}
				if (end == i + 1) {
					throw new IllegalArgumentException("field {" + field + "}: empty attribute in format string");
				}
				steps.add("." + rest.substring(i + 1, end));
				i = end;
			}
			else {
				throw new IllegalArgumentException("field {" + field + "}: only '.' or '[' may follow ']' in format field specifier");
			}
		}
		return new FieldPath(List.copyOf(steps));
	}

	/** The value the accesses lead to from {@code value}. */
	Object apply(Object value) {
		Object v = value;
		for (String step : steps) {
			String key = step.substring(1);
			v = step.charAt(0) == '[' ? index(v, key) : attribute(v, key);
		}
		return v;
	}

	private static Object index(Object v, String key) {
		boolean digits = key.chars().allMatch(Character::isDigit);
		if (v instanceof Map) {
			Map<?, ?> m = (Map<?, ?>) v;
			Object k = digits ? (Object) Integer.valueOf(key) : key;
			if (m.containsKey(k)) {
				return m.get(k);
			}
			if (digits && m.containsKey(key)) {
				return m.get(key);
			}
			throw new FieldError("KeyError: " + PyStrings.repr(k, false));
		}
		if (digits && v instanceof List) {
			List<?> l = (List<?>) v;
			int i = Integer.parseInt(key);
			if (i >= l.size()) {
				throw new FieldError("IndexError: list index out of range");
			}
			return l.get(i);
		}
		if (digits && v instanceof Object[]) {
			Object[] a = (Object[]) v;
			int i = Integer.parseInt(key);
			if (i >= a.length) {
				throw new FieldError("IndexError: tuple index out of range");
			}
			return a[i];
		}
		throw new FieldError("TypeError: '" + typeName(v) + "' object is not subscriptable");
	}

	private static Object attribute(Object v, String name) {
		if (v instanceof Map && ((Map<?, ?>) v).containsKey(name)) {
			return ((Map<?, ?>) v).get(name);
		}
		if (v != null && !(v instanceof Map)) {
			for (String m : List.of(name, "get" + Character.toUpperCase(name.charAt(0)) + name.substring(1))) {
				try {
					Method method = v.getClass().getMethod(m);
					if (Modifier.isPublic(method.getDeclaringClass().getModifiers()) && method.getReturnType() != void.class) {
						return method.invoke(v);
					}
				}
				catch (ReflectiveOperationException | RuntimeException e) {
					// not this one: the next, then the field
				}
			}
			try {
				return v.getClass().getField(name).get(v);
			}
			catch (ReflectiveOperationException | RuntimeException e) {
				// none: Python's AttributeError below
			}
		}
		throw new FieldError("AttributeError: '" + typeName(v) + "' object has no attribute '" + name + "'");
	}

	private static String typeName(Object v) {
		if (v == null) {
			return "NoneType";
		}
		if (v instanceof Map) {
			return "dict";
		}
		if (v instanceof List) {
			return "list";
		}
		if (v instanceof CharSequence) {
			return "str";
		}
		return v.getClass().getSimpleName();
	}

	@Override
	public String toString() {
		StringBuilder sb = new StringBuilder();
		steps.forEach(s -> sb.append(s.charAt(0) == '[' ? s + "]" : s));
		return sb.toString();
	}
}
