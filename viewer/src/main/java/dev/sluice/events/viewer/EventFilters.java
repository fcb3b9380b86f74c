package dev.sluice.events.viewer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.sluice.events.Category;
import dev.sluice.events.EventLevel;
import dev.sluice.events.EventQuery;
import dev.sluice.events.Priority;

/**
 * Turns the API's query parameters into an {@link EventQuery}: {@code since}/{@code until}
 * (ISO-8601 instants, or a span back from now such as {@code 15m}, {@code 1h}, {@code 7d}),
 * {@code level} (that level or above, as {@code sluice events query --level}), {@code category}, {@code priority}, {@code user}, {@code module},
 * {@code operation}, {@code primary}, {@code text}, {@code attr} (repeatable {@code Name=value}:
 * {@code "quoted"} is text, {@code true}/{@code false} a boolean, a number a number, anything else
 * text), {@code limit} (the page size, 1 to 500, default 100) and {@code before} (a cursor). An unknown parameter or a bad
 * value is a {@link BadParameterException} naming it. Stateless apart from the clock.
 */
final class EventFilters {

	static final int DEFAULT_LIMIT = 100;
	static final int MAX_LIMIT = 500;
	private static final Set<String> KNOWN = Set.of("since", "until", "level", "category", "priority", "user", "module",
			"operation", "primary", "text", "attr", "limit", "before", "token");

	private final Clock clock;

	EventFilters(Clock clock) {
		this.clock = clock;
	}

	/**
	 * One page asked for: {@code size} events, and a query for one more than that, so that whether
	 * a next page exists is known without a second query and without a cursor to an empty page.
	 */
	record Page(EventQuery query, int size) {
	}

	Page parse(Map<String, List<String>> params) {
		EventQuery.Builder q = EventQuery.builder();
		int[] size = {DEFAULT_LIMIT};
		for (Map.Entry<String, List<String>> p : params.entrySet()) {
			String name = p.getKey();
			if (!KNOWN.contains(name)) {
				throw new BadParameterException(name, "unknown; known parameters are " + String.join(", ", new java.util.TreeSet<>(KNOWN)));
			}
			for (String value : p.getValue()) {
				apply(q, size, name, value);
			}
		}
		return new Page(q.limit(size[0] + 1).build(), size[0]);
	}

	private void apply(EventQuery.Builder q, int[] size, String name, String value) {
		if (value.isEmpty()) {
			return;
		}
		try {
			switch (name) {
				case "since":
					q.since(instant(name, value));
					break;
				case "until":
					q.until(instant(name, value));
					break;
				case "level":
					q.minLevel(EventLevel.parse(value));
					break;
				case "category":
					q.category(Category.parse(value));
					break;
				case "priority":
					q.priority(Priority.parse(value));
					break;
				case "user":
					q.user(value);
					break;
				case "module":
					q.module(value);
					break;
				case "operation":
					q.operationId(value);
					break;
				case "primary":
					if (!value.equals("true") && !value.equals("false")) {
						throw new BadParameterException(name, "expected true or false, found '" + value + "'");
					}
					q.primary(Boolean.valueOf(value));
					break;
				case "text":
					q.text(value);
					break;
				case "attr":
					int eq = value.indexOf('=');
					if (eq <= 0) {
						throw new BadParameterException(name, "expected Name=value, found '" + value + "'");
					}
					q.attribute(value.substring(0, eq), attributeValue(value.substring(eq + 1)));
					break;
				case "limit":
					int limit;
					try {
						limit = Integer.parseInt(value);
					}
					catch (NumberFormatException e) {
						throw new BadParameterException(name, "expected a whole number from 1 to " + MAX_LIMIT + ", found '" + value + "'");
					}
					if (limit < 1 || limit > MAX_LIMIT) {
						throw new BadParameterException(name, "expected a whole number from 1 to " + MAX_LIMIT + ", found " + limit);
					}
					size[0] = limit;
					break;
				case "before":
					q.before(value);
					break;
				default:
					// token: checked by the security layer
			}
		}
		catch (BadParameterException e) {
			throw e;
		}
		catch (IllegalArgumentException e) {
			throw new BadParameterException(name, e.getMessage());
		}
	}

	private Instant instant(String name, String value) {
		Duration back = spanBack(value);
		if (back != null) {
			return clock.instant().minus(back);
		}
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException e) {
			throw new BadParameterException(name, "expected an ISO-8601 instant (2026-11-23T20:00:00Z) or a span back from now (15m, 1h, 7d), found '"
					+ value + "'");
		}
	}

	private static Duration spanBack(String value) {
		if (value.length() < 2) {
			return null;
		}
		String digits = value.substring(0, value.length() - 1);
		if (!digits.chars().allMatch(Character::isDigit) || digits.length() > 9) {
			return null;
		}
		long n = Long.parseLong(digits);
		switch (value.charAt(value.length() - 1)) {
			case 's':
				return Duration.ofSeconds(n);
			case 'm':
				return Duration.ofMinutes(n);
			case 'h':
				return Duration.ofHours(n);
			case 'd':
				return Duration.ofDays(n);
			default:
				return null;
		}
	}

	static Object attributeValue(String text) {
		if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
			return text.substring(1, text.length() - 1);
		}
		if (text.equals("true") || text.equals("false")) {
			return Boolean.valueOf(text);
		}
		try {
			return Long.parseLong(text);
		}
		catch (NumberFormatException notLong) {
			try {
				if (text.matches("-?\\d+\\.\\d+([eE][-+]?\\d+)?")) {
					return Double.parseDouble(text);
				}
			}
			catch (NumberFormatException notDouble) {
				// text
			}
		}
		return text;
	}
}
