package dev.sluice.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import dev.sluice.pipeline.sink.options.Secret;
import dev.sluice.pipeline.sink.options.SinkOptions;

/**
 * Replaces {@code ${env:NAME}}, {@code ${env:NAME:-default}} and {@code ${file:/path}} in every
 * string of a parsed config, so that secrets need not sit in the file. {@code $${env:} writes a
 * literal {@code ${env:} (likewise for {@code file:}); a {@code ${...}} that does not start with a
 * scheme ({@code name:}) is left as it is, so that Python formats such as {@code ${message}}
 * ($-style) keep their meaning, and an unknown scheme ({@code ${vault:...}}) is a problem. A file's content loses one trailing newline (as secrets mounted as files
 * usually end with one); a relative path is relative to the config file's directory.
 *
 * <p>A string that used a substitution and sits under a key that looks secret
 * ({@link SinkOptions#looksSecret}) becomes a {@link Secret}, so that its value never appears in
 * an error, a summary or a {@code toString()}. Problems name the pointer and the variable or
 * file, never a value. Reading {@code ${file:}} blocks: call off Reactor's non-blocking threads.
 */
final class Substitutions {

	private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
	/** What makes a "${" ours: a scheme such as env: or file: (a Python $-style field cannot hold a colon). */
	private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*:");

	private final Function<String, String> env;
	private final Path baseDirectory;
	private final Problems problems;

	Substitutions(Function<String, String> env, Path baseDirectory, Problems problems) {
		this.env = env;
		this.baseDirectory = baseDirectory;
		this.problems = problems;
	}

	/** A copy of {@code value} with every substitution done. */
	@SuppressWarnings("unchecked")
	Object apply(Object value, String pointer, String key) {
		if (value instanceof String) {
			return substitute((String) value, pointer, key);
		}
		if (value instanceof Map) {
			Map<String, Object> out = new LinkedHashMap<>();
			((Map<String, Object>) value).forEach((k, v) -> out.put(k, apply(v, Problems.child(pointer, k), k)));
			return out;
		}
		if (value instanceof List) {
			List<Object> out = new ArrayList<>();
			List<Object> in = (List<Object>) value;
			for (int i = 0; i < in.size(); i++) {
				out.add(apply(in.get(i), Problems.child(pointer, i), key));
			}
			return out;
		}
		return value;
	}

	private Object substitute(String s, String pointer, String key) {
		if (s.indexOf("${") < 0) {
			return s;
		}
		StringBuilder out = new StringBuilder(s.length());
		boolean substituted = false;
		int i = 0;
		while (i < s.length()) {
			int at = s.indexOf("${", i);
			if (at < 0) {
				out.append(s, i, s.length());
				break;
			}
			if (!SCHEME.matcher(s).region(at + 2, s.length()).lookingAt()) {
				// not ours (no "scheme:"): "${message}" in a $-style format, "${%(message)s}" in a %-style one
				out.append(s, i, at + 2);
				i = at + 2;
				continue;
			}
			if (at > 0 && s.charAt(at - 1) == '$') {
				// "$${env:" is a literal "${env:"
				out.append(s, i, at - 1).append("${");
				i = at + 2;
				continue;
			}
			out.append(s, i, at);
			int end = s.indexOf('}', at);
			if (end < 0) {
				problems.add(pointer, "expected '}' to close the substitution that starts at character " + (at + 1)
						+ ", found the end of the string");
				problems.substitutionFailedAt(pointer);
				return s;
			}
			String expr = s.substring(at + 2, end);
			String replacement = resolve(expr, pointer);
			if (replacement == null) {
				problems.substitutionFailedAt(pointer);
				return s;
			}
			problems.hide(replacement); // a substituted value never appears in a problem, whatever its key
			
			out.append(replacement);
			substituted = true;
			i = end + 1;
		}
		String result = out.toString();
		return substituted && key != null && SinkOptions.looksSecret(key) ? Secret.of(result) : result;
	}

	/** The value of one {@code env:...} or {@code file:...} expression; null after a problem. */
	private String resolve(String expr, String pointer) {
		if (expr.startsWith("env:")) {
			String spec = expr.substring(4);
			int dflt = spec.indexOf(":-");
			String name = dflt < 0 ? spec : spec.substring(0, dflt);
			if (!ENV_NAME.matcher(name).matches()) {
				problems.add(pointer, "expected an environment variable name in ${env:NAME}, found '" + name + "'");
				return null;
			}
			String v = env.apply(name);
			if (v == null) {
				if (dflt >= 0) {
					return spec.substring(dflt + 2);
				}
				problems.add(pointer, "environment variable " + name
						+ " is not set (use ${env:" + name + ":-default} to give a default)");
				return null;
			}
			return v;
		}
		if (expr.startsWith("file:")) {
			String file = expr.substring(5).trim();
			if (file.isEmpty()) {
				problems.add(pointer, "expected a path in ${file:/path}, found nothing");
				return null;
			}
			Path path = baseDirectory.resolve(file);
			try {
				String content = Files.readString(path, StandardCharsets.UTF_8);
				if (content.endsWith("\r\n")) {
					return content.substring(0, content.length() - 2);
				}
				return content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
			}
			catch (NoSuchFileException e) {
				problems.add(pointer, "file " + path + " named by ${file:" + file + "} does not exist");
				return null;
			}
			catch (IOException | RuntimeException e) {
				problems.add(pointer, "cannot read file " + path + " named by ${file:" + file + "}: " + e);
				return null;
			}
		}
		int colon = expr.indexOf(':');
		problems.add(pointer, "expected ${env:NAME}, ${env:NAME:-default} or ${file:/path}, found '${"
				+ (colon < 0 ? expr : expr.substring(0, colon + 1) + "...") + "}'");
		return null;
	}
}
