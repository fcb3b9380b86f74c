package dev.sluice.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import dev.sluice.events.Category;
import dev.sluice.events.Event;
import dev.sluice.events.EventLevel;
import dev.sluice.events.EventQuery;
import dev.sluice.events.EventStore;
import dev.sluice.events.Priority;
import dev.sluice.pipeline.sink.options.SinkOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice events query}: stored events, newest first, as a table or JSON lines. With
 * {@code --operation} the operation's events come in time order, with their durations.
 */
@Command(name = "query", mixinStandardHelpOptions = true, description = "Print stored events, newest first.")
final class EventsQueryCommand implements Callable<Integer> {

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	@Option(names = "--db", defaultValue = "sluice-data/events",
			description = "R2DBC URL (r2dbc:postgresql://host/db) or path of the H2 event database (default: ${DEFAULT-VALUE}).")
	String db;

	@Option(names = "--since", description = "Only events newer than this: a duration back from now (1h, 30m, 2d) or an ISO instant.")
	String since;

	@Option(names = "--level", description = "Only events at this level or above: info, warning, error.")
	String level;

	@Option(names = "--category", description = "Only this category: monitor, command, config, settings, auth, system, notice.")
	String category;

	@Option(names = "--priority", description = "Only this priority: low, medium, high.")
	String priority;

	@Option(names = "--user", description = "Only events of this user.")
	String user;

	@Option(names = "--module", description = "Only events of this module (logger name).")
	String module;

	@Option(names = "--operation", description = "Only events of this OperationId, oldest first.")
	String operation;

	@Option(names = "--primary", description = "Only Primary events.")
	boolean primary;

	@Option(names = "--text", description = "Only events whose message contains this text (any case).")
	String text;

	@Option(names = "--attr", description = "Only events whose attribute K equals V (repeatable). V: \"text\", a number, true/false, or bare text.")
	List<String> attrs = new ArrayList<>();

	@Option(names = "--limit", defaultValue = "50", description = "At most this many events (default: ${DEFAULT-VALUE}).")
	int limit;

	@Option(names = "--format", defaultValue = "table", description = "table or json (JSON lines) (default: ${DEFAULT-VALUE}).")
	String format;

	@Override
	public Integer call() {
		EventQuery query;
		EventFormat fmt;
		try {
			query = query(Instant.now());
			fmt = format(format);
		}
		catch (IllegalArgumentException e) {
			throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
		}
		EventStore store = EventsCommand.open(db);
		try {
			List<Event> events = store.query(query).collectList().block();
			if (operation != null) {
				Collections.reverse(events);
			}
			PrintStream out = System.out;
			fmt.header(out);
			for (Event e : events) {
				fmt.print(out, e);
			}
			if (fmt == EventFormat.TABLE) {
				out.println(events.size() + (events.size() == 1 ? " event" : " events")
						+ (events.size() == limit ? " (the limit; older ones with --limit or --since)" : ""));
			}
			return 0;
		}
		finally {
			store.close().block();
		}
	}

	EventQuery query(Instant now) {
		EventQuery.Builder b = EventQuery.builder().limit(limit);
		if (since != null) {
			b.since(since(since, now));
		}
		if (level != null) {
			b.minLevel(EventLevel.parse(level));
		}
		if (category != null) {
			b.category(Category.parse(category));
		}
		if (priority != null) {
			b.priority(Priority.parse(priority));
		}
		b.user(user).module(module).operationId(operation).text(text);
		if (primary) {
			b.primary(true);
		}
		for (String a : attrs) {
			int eq = a.indexOf('=');
			if (eq <= 0) {
				throw new IllegalArgumentException("--attr '" + a + "': expected K=V");
			}
			b.attribute(a.substring(0, eq), literal(a.substring(eq + 1)));
		}
		return b.build();
	}

	static Instant since(String text, Instant now) {
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException notAnInstant) {
			Duration d = SinkOptions.parseDuration(text);
			if (d == null) {
				throw new IllegalArgumentException("--since '" + text
						+ "': expected a duration back from now (such as 1h, 30m, 2d) or an ISO instant (2026-05-04T12:00:00Z)");
			}
			return now.minus(d);
		}
	}

	/** A typed value: "quoted" text, a number, true/false; anything else is text as written. */
	static Object literal(String v) {
		if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
			return v.substring(1, v.length() - 1);
		}
		if ("true".equals(v) || "false".equals(v)) {
			return Boolean.valueOf(v);
		}
		if (v.matches("[-+]?\\d{1,18}")) {
			return Long.parseLong(v);
		}
		if (v.matches("[-+]?(\\d+\\.\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
			return Double.parseDouble(v);
		}
		return v;
	}

	static EventFormat format(String text) {
		switch (text.toLowerCase(Locale.ROOT)) {
		case "table":
			return EventFormat.TABLE;
		case "json":
			return EventFormat.JSON;
		default:
			throw new IllegalArgumentException("--format '" + text + "': expected table or json");
		}
	}
}
