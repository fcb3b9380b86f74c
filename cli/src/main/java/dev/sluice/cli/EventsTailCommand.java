package dev.sluice.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;

import dev.sluice.events.EventStore;
import dev.sluice.pipeline.sink.options.SinkOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sluice events tail}: follows new events as they are stored, until interrupted (or {@code --count}). */
@Command(name = "tail", mixinStandardHelpOptions = true, description = "Print new events as they are stored.")
final class EventsTailCommand implements Callable<Integer> {

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	@Option(names = "--db", defaultValue = "sluice-data/events",
			description = "R2DBC URL (r2dbc:postgresql://host/db) or path of the H2 event database (default: ${DEFAULT-VALUE}).")
	String db;

	@Option(names = "--interval", defaultValue = "1s", description = "How often to look for new events (default: ${DEFAULT-VALUE}).")
	String interval;

	@Option(names = "--count", description = "Stop after this many events (default: follow until interrupted).")
	Long count;

	@Option(names = "--format", defaultValue = "table", description = "table or json (JSON lines) (default: ${DEFAULT-VALUE}).")
	String format;

	@Override
	public Integer call() {
		EventFormat fmt;
		Duration every = SinkOptions.parseDuration(interval);
		try {
			fmt = EventsQueryCommand.format(format);
			if (every == null || every.isZero() || every.isNegative()) {
				throw new IllegalArgumentException("--interval '" + interval + "': expected a positive duration such as 1s or 500ms");
			}
			if (count != null && count < 1) {
				throw new IllegalArgumentException("--count must be at least 1, was " + count);
			}
		}
		catch (IllegalArgumentException e) {
			throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
		}
		EventStore store = EventsCommand.open(db);
		PrintStream out = System.out;
		try {
			fmt.header(out);
			var events = store.tail(every);
			if (count != null) {
				events = events.take(count);
			}
			events.doOnNext(e -> {
				fmt.print(out, e);
				out.flush();
			}).blockLast();
			return 0;
		}
		finally {
			store.close().block();
		}
	}
}
