package dev.sluice.cli;

import java.nio.file.Path;

import dev.sluice.events.EventStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code sluice events}: reads the event log that the {@code sluice.events} handler writes.
 * Subcommands: {@code query} ({@link EventsQueryCommand}) and {@code tail}
 * ({@link EventsTailCommand}).
 */
@Command(name = "events", mixinStandardHelpOptions = true,
		description = "Read the event log: query stored events, or follow new ones.",
		subcommands = {EventsQueryCommand.class, EventsTailCommand.class, EventsServeCommand.class})
final class EventsCommand implements Runnable {

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	@Override
	public void run() {
		spec.commandLine().usage(System.out);
	}

	/**
	 * The store named by {@code --db}: an R2DBC URL ({@code r2dbc:postgresql://host/db},
	 * {@code r2dbc:h2:file:///path}), or the path of an H2 event database as the events handler
	 * makes it (default {@code sluice-data/events}, that is {@code sluice-data/events.mv.db}).
	 */
	static EventStore open(String db) {
		if (db.startsWith("r2dbc:")) {
			return EventStore.open(db);
		}
		String path = db.endsWith(".mv.db") ? db.substring(0, db.length() - ".mv.db".length()) : db;
		if (!java.nio.file.Files.exists(Path.of(path + ".mv.db"))) {
			throw new CommandLine.ParameterException(new CommandLine(new EventsCommand()),
					"--db: no event database at " + Path.of(path + ".mv.db").toAbsolutePath()
							+ " (give the path the events handler writes, or an R2DBC URL)");
		}
		return EventStore.h2File(Path.of(path));
	}
}
