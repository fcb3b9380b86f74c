package dev.sluice.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import dev.sluice.pipeline.sink.options.ConfigProblem;
import dev.sluice.pipeline.sink.options.InvalidConfigException;
import dev.sluice.pipeline.sink.options.Secret;
import dev.sluice.pipeline.sink.options.Suggestions;

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

	/** Values substituted into the file (from the environment or files): masked in every problem. */
	private final java.util.Set<String> hidden = new java.util.HashSet<>();
	/** Places whose substitution failed: later problems there (about the unsubstituted text) are noise. */
	private final java.util.Set<String> failedSubstitutions = new java.util.HashSet<>();

	/** Masks {@code value} (shown as {@code ***}) in every problem; values under 3 characters are too short to mask. */
	void hide(String value) {
		if (value != null && value.length() >= 3) {
			hidden.add(value);
		}
	}

	/** Records that the substitution at {@code pointer} failed (its problem is reported already). */
	void substitutionFailedAt(String pointer) {
		failedSubstitutions.add(pointer.isEmpty() ? "/" : pointer);
	}

	void add(String pointer, String message) {
		String at = pointer.isEmpty() ? "/" : pointer;
		if (failedSubstitutions.contains(at) && hasAt(at)) {
			return;
		}
		list.add(new ConfigProblem(at, mask(message)));
	}

	/** Adds problems a provider reported (their locations are already pointers). */
	void addAll(Collection<ConfigProblem> problems) {
		for (ConfigProblem p : problems) {
			if (!(failedSubstitutions.contains(p.location()) && hasAt(p.location()))) {
				list.add(new ConfigProblem(p.location(), mask(p.message())));
			}
		}
	}

	private String mask(String message) {
		String m = message;
		for (String h : hidden) {
			m = m.replace(h, "***");
		}
		return m;
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
