package dev.sluice.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves Python's {@code cfg://} references: a string {@code cfg://handlers.email.toaddrs[0]}
 * is replaced by the value at that place in the same config (after substitution), following
 * Python's syntax: a first word, then {@code .word} or {@code [key]} / {@code [index]} steps. A
 * reference that names nothing, or a chain of references that loops, is a problem at the
 * pointer of the string.
 */
final class CfgReferences {

	private static final String PREFIX = "cfg://";
	private static final Pattern WORD = Pattern.compile("^\\s*(\\w+)\\s*");
	private static final Pattern DOT = Pattern.compile("^\\.\\s*(\\w+)\\s*");
	private static final Pattern INDEX = Pattern.compile("^\\[([^\\[\\]]*)\\]\\s*");
	private static final int MAX_DEPTH = 16;

	private final Map<String, Object> root;
	private final Problems problems;

	private CfgReferences(Map<String, Object> root, Problems problems) {
		this.root = root;
		this.problems = problems;
	}

	/** A copy of {@code config} with every {@code cfg://} string replaced. */
	@SuppressWarnings("unchecked")
	static Map<String, Object> resolve(Map<String, Object> config, Problems problems) {
		return (Map<String, Object>) new CfgReferences(config, problems).walk(config, "", 0);
	}

	@SuppressWarnings("unchecked")
	private Object walk(Object value, String pointer, int depth) {
		if (value instanceof String && ((String) value).startsWith(PREFIX)) {
			if (depth >= MAX_DEPTH) {
				problems.add(pointer, "expected cfg:// references that end, found a chain of more than "
						+ MAX_DEPTH + " (a loop?)");
				return null;
			}
			Object target = lookup((String) value, pointer);
			return target == null ? null : walk(target, pointer, depth + 1);
		}
		if (value instanceof Map) {
			Map<String, Object> out = new LinkedHashMap<>();
			((Map<String, Object>) value).forEach((k, v) -> out.put(k, walk(v, Problems.child(pointer, k), depth)));
			return out;
		}
		if (value instanceof List) {
			List<Object> in = (List<Object>) value;
			List<Object> out = new ArrayList<>(in.size());
			for (int i = 0; i < in.size(); i++) {
				out.add(walk(in.get(i), Problems.child(pointer, i), depth));
			}
			return out;
		}
		return value;
	}

	private Object lookup(String reference, String pointer) {
		String rest = reference.substring(PREFIX.length());
		Matcher m = WORD.matcher(rest);
		if (!m.find()) {
			problems.add(pointer, "expected a cfg:// reference such as cfg://handlers.file.filename, found '"
					+ reference + "'");
			return null;
		}
		Object current = step(root, m.group(1), reference, pointer);
		rest = rest.substring(m.end());
		while (current != null && !rest.isEmpty()) {
			Matcher dot = DOT.matcher(rest);
			Matcher idx = INDEX.matcher(rest);
			if (dot.find()) {
				current = step(current, dot.group(1), reference, pointer);
				rest = rest.substring(dot.end());
			}
			else if (idx.find()) {
				current = step(current, idx.group(1), reference, pointer);
				rest = rest.substring(idx.end());
			}
			else {
				problems.add(pointer, "expected '.name' or '[key]' in cfg:// reference '" + reference + "', found '"
						+ rest + "'");
				return null;
			}
		}
		return current;
	}

	@SuppressWarnings("unchecked")
	private Object step(Object container, String key, String reference, String pointer) {
		Object v = null;
		if (container instanceof Map) {
			v = ((Map<String, Object>) container).get(key);
		}
		else if (container instanceof List && key.matches("\\d+")) {
			List<Object> list = (List<Object>) container;
			int i = Integer.parseInt(key);
			v = i < list.size() ? list.get(i) : null;
		}
		if (v == null) {
			problems.add(pointer, "cfg:// reference '" + reference + "' names nothing: no '" + key + "' there");
		}
		return v;
	}
}
