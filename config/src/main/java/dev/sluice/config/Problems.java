package dev.sluice.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import dev.sluice.pipeline.sink.ConfigProblem;
import dev.sluice.pipeline.sink.InvalidConfigException;
import dev.sluice.pipeline.sink.Secret;
import dev.sluice.pipeline.sink.Suggestions;

/** Collects the problems of one file, each at a JSON pointer; not thread-safe. */
final class Problems {

	private final String file;
	private final List<ConfigProblem> list = new ArrayList<>();

	Problems(String file) {
		this.file = file;
	}

	String file() {
		return file;
	}

	void add(String pointer, String message) {
		list.add(new ConfigProblem(pointer.isEmpty() ? "/" : pointer, message));
	}

	/** Adds problems a provider reported (their locations are already pointers). */
	void addAll(Collection<ConfigProblem> problems) {
		list.addAll(problems);
	}

	void expected(String pointer, String expected, Object found) {
		add(pointer, "expected " + expected + ", found " + describe(found));
	}

	/** "unknown key 'formater' (did you mean 'formatter'?); expected one of ...". */
	void unknownKey(String pointer, String key, Collection<String> known, String what) {
		String suggestion = Suggestions.closest(key, known);
		add(pointer, "unknown key '" + key + "' in " + what
				+ (suggestion != null ? " (did you mean '" + suggestion + "'?)" : "")
				+ "; expected one of " + String.join(", ", known));
	}

	/** "formatter 'detaild' is not defined (did you mean 'detailed'?); defined: ...". */
	void undefined(String pointer, String kind, String name, Collection<String> defined) {
		String suggestion = Suggestions.closest(name, defined);
		add(pointer, kind + " '" + name + "' is not defined"
				+ (suggestion != null ? " (did you mean '" + suggestion + "'?)" : "")
				+ (defined.isEmpty() ? "; no " + kind + "s are defined" : "; defined: " + String.join(", ", defined)));
	}

	/** Whether a problem was already reported at {@code pointer}. */
	boolean hasAt(String pointer) {
		for (ConfigProblem p : list) {
			if (p.location().equals(pointer)) {
				return true;
			}
		}
		return false;
	}

	boolean isEmpty() {
		return list.isEmpty();
	}

	int size() {
		return list.size();
	}

	/** Every problem, located in the file. */
	List<ConfigProblem> located() {
		List<ConfigProblem> out = new ArrayList<>(list.size());
		for (ConfigProblem p : list) {
			out.add(p.location().startsWith(file + ":") ? p : p.inFile(file));
		}
		return out;
	}

	/** Throws an {@link InvalidConfigException} listing every problem, if there is any. */
	void throwIfAny() {
		if (!list.isEmpty()) {
			throw new InvalidConfigException(located());
		}
	}

	/** A JSON value as shown in a problem: strings quoted, secrets hidden. */
	static String describe(Object v) {
		if (v == null) {
			return "null";
		}
		if (v instanceof Secret) {
			return "a string (value hidden)";
		}
		if (v instanceof String) {
			return "'" + v + "'";
		}
		if (v instanceof Number || v instanceof Boolean) {
			return v.toString();
		}
		if (v instanceof List) {
			return "a list";
		}
		return "an object";
	}

	/** The pointer of {@code key} below {@code parent} (RFC 6901 escaping). */
	static String child(String parent, String key) {
		return parent + "/" + key.replace("~", "~0").replace("/", "~1");
	}

	static String child(String parent, int index) {
		return parent + "/" + index;
	}
}
