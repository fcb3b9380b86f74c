package dev.sluice.sinks.cloudwatch;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import dev.sluice.pipeline.LogRecord;

/**
 * {@code log_stream_name} as watchtower reads it, a Python {@code str.format} template with the
 * placeholders {@code {machine_name}}, {@code {program_name}}, {@code {logger_name}},
 * {@code {process_id}}, {@code {thread_name}} and {@code {strftime:FORMAT}} (UTC), plus
 * {@code {{}} and {@code }}} for literal braces. Resolved per record (the time is the record's,
 * so a replay lands in the streams of its own days); characters the service forbids in a stream
 * name ({@code :} and {@code *}) become {@code _} and the name is cut to 512 characters.
 * Immutable; thread-safe.
 */
final class StreamNameTemplate {

	static final String DEFAULT = "{machine_name}/{program_name}/{logger_name}/{process_id}";
	private static final int MAX_LENGTH = 512;

	private final List<Object> parts;

	private StreamNameTemplate(List<Object> parts) {
		this.parts = parts;
	}

	/**
	 * @param machine the host name, {@code program} the program's name, {@code pid} the process id
	 * @throws IllegalArgumentException naming an unknown placeholder or an unbalanced brace
	 */
	static StreamNameTemplate compile(String template, String machine, String program, long pid) {
		List<Object> parts = new ArrayList<>();
		StringBuilder literal = new StringBuilder();
		int i = 0;
		while (i < template.length()) {
			char c = template.charAt(i);
			if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '{') {
				literal.append('{');
				i += 2;
			}
			else if (c == '}' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
				literal.append('}');
				i += 2;
			}
			else if (c == '{') {
				int end = template.indexOf('}', i);
				if (end < 0) {
					throw new IllegalArgumentException("unbalanced '{' at position " + i + " in '" + template + "'");
				}
				String field = template.substring(i + 1, end);
				switch (field) {
					case "machine_name": literal.append(machine); break;
					case "program_name": literal.append(program); break;
					case "process_id": literal.append(pid); break;
					case "logger_name":
					case "thread_name":
						flush(parts, literal);
						parts.add(Field.valueOf(field.toUpperCase(java.util.Locale.ROOT)));
						break;
					default:
						if (field.startsWith("strftime:")) {
							flush(parts, literal);
							parts.add(Strftime.compile(field.substring("strftime:".length())));
						}
						else {
							throw new IllegalArgumentException("unknown placeholder {" + field + "}; known: {machine_name},"
									+ " {program_name}, {logger_name}, {process_id}, {thread_name}, {strftime:FORMAT}");
						}
				}
				i = end + 1;
			}
			else if (c == '}') {
				throw new IllegalArgumentException("single '}' at position " + i + " in '" + template + "'");
			}
			else {
				literal.append(c);
				i++;
			}
		}
		flush(parts, literal);
		return new StreamNameTemplate(List.copyOf(parts));
	}

	private static void flush(List<Object> parts, StringBuilder literal) {
		if (literal.length() > 0) {
			parts.add(literal.toString());
			literal.setLength(0);
		}
	}

	/** The stream name of {@code record}. */
	String resolve(LogRecord record) {
		if (parts.size() == 1 && parts.get(0) instanceof String) {
			return sanitize((String) parts.get(0));
		}
		StringBuilder sb = new StringBuilder(64);
		for (Object p : parts) {
			if (p instanceof String) {
				sb.append((String) p);
			}
			else if (p == Field.LOGGER_NAME) {
				sb.append(record.loggerName());
			}
			else if (p == Field.THREAD_NAME) {
				sb.append(record.threadName());
			}
			else {
				((Strftime) p).format(Instant.ofEpochSecond(0, record.epochNanos()).atZone(ZoneOffset.UTC), sb);
			}
		}
		return sanitize(sb.toString());
	}

	static String sanitize(String name) {
		String s = name.replace(':', '_').replace('*', '_');
		if (s.isEmpty()) {
			s = "_";
		}
		return s.length() > MAX_LENGTH ? s.substring(0, MAX_LENGTH) : s;
	}

	private enum Field {
		LOGGER_NAME, THREAD_NAME
	}
}
