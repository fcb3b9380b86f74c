package dev.sluice.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.sluice.config.ConfigLoader;
import dev.sluice.config.ConfigReloader;
import dev.sluice.config.ConfigSource;
import dev.sluice.config.LoggingConfig;
import dev.sluice.pipeline.Sluice;
import dev.sluice.pipeline.sink.options.ConfigProblem;
import dev.sluice.pipeline.sink.options.InvalidConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice ship --config FILE [--input FILE]}: reads JSON lines (stdin by default), one
 * record each, and logs each through the config exactly as the application would have, in input
 * order (one thread). Reading goes at the pace of the slowest sink (a shipper has no reason to
 * drop: it reads more slowly). Waits until every sink has drained, prints a per-sink summary to
 * stderr, and exits 0, or 1 when a record was dropped or a line could not be used (each such line
 * is named by number and skipped: not UTF-8, not one JSON object, a bad field), or 2 when the
 * config is invalid or the input cannot be read. SIGTERM and Ctrl-C stop reading, drain what was
 * accepted (up to {@code --drain-timeout}) and print the summary. The config file is followed
 * while shipping.
 */
@Command(name = "ship", mixinStandardHelpOptions = true,
		description = "Ship JSON-lines records (time, logger, level, message, thread, context, error) through a config.")
final class ShipCommand implements Callable<Integer> {

	@Option(names = "--config", required = true, paramLabel = "FILE", description = "The dictConfig file.")
	Path config;

	@Option(names = "--input", paramLabel = "FILE", description = "JSON lines to ship (default: stdin).")
	Path input;

	@Option(names = {"--drain-timeout", "--timeout"}, paramLabel = "DURATION", defaultValue = "PT60S",
			description = "How long to wait for the sinks to drain at the end, or after SIGTERM/Ctrl-C (default: ${DEFAULT-VALUE}).")
	Duration timeout;

	@Option(names = "--resume", paramLabel = "FILE",
			description = "Keep the input's position in FILE and start from it: a run stopped by a crash continues where"
					+ " the settled records end (--input only).")
	Path resumeFile;

	@Option(names = "--from", paramLabel = "SOURCE", defaultValue = "file",
			description = "Where records come from: file (--input or stdin) or kafka (--bootstrap, --topic, --group).")
	String from;

	@Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers (--from kafka).")
	String bootstrap;

	@Option(names = "--topic", paramLabel = "TOPIC", description = "The Kafka topic to ship (--from kafka).")
	String topic;

	@Option(names = "--group", paramLabel = "GROUP", description = "The consumer group (--from kafka).")
	String group;

	@Option(names = "--consumer-property", paramLabel = "KEY=VALUE",
			description = "Any other Kafka consumer setting (--from kafka), e.g. security.protocol=SSL.")
	Map<String, String> consumerProperties = new java.util.LinkedHashMap<>();

	@Override
	public Integer call() throws IOException {
		if ("kafka".equals(from)) {
			return KafkaShip.run(this, System.err);
		}
		if (!"file".equals(from)) {
			System.err.println("sluice ship: --from: expected file or kafka, found '" + from + "'");
			return 2;
		}
		PrintStream err = System.err;
		if (input != null) {
			String problem = !Files.exists(input) ? "no such file" : Files.isDirectory(input) ? "is a directory, not a file"
					: !Files.isReadable(input) ? "cannot be read (permissions)" : null;
			if (problem != null) {
				err.println("sluice ship: --input " + input + ": " + problem);
				return 2;
			}
		}
		if (resumeFile != null && input == null) {
			err.println("sluice ship: --resume needs --input FILE (stdin cannot be read again)");
			return 2;
		}
		long[] start = {0, 0};
		ResumeFile resume = resumeFile == null ? null : new ResumeFile(resumeFile);
		if (resume != null) {
			try {
				start = resume.load();
			}
			catch (IOException e) {
				err.println("sluice ship: --resume: " + e.getMessage());
				return 2;
			}
			if (start[0] > Files.size(input)) {
				err.println("sluice ship: --resume: " + resumeFile + " says offset " + start[0] + ", but " + input
						+ " has only " + Files.size(input) + " bytes (another input?)");
				return 2;
			}
			if (start[0] > 0) {
				err.printf("sluice ship: resuming %s at line %,d (byte %,d)%n", input, start[1] + 1, start[0]);
			}
		}
		ConfigLoader loader = ConfigLoader.defaults();
		LoggingConfig cfg;
		try {
			cfg = loader.read(config);
		}
		catch (InvalidConfigException e) {
			err.println(config + ": " + e.problems().size() + " problem(s):");
			for (ConfigProblem p : e.problems()) {
				err.println("  " + p);
			}
			return 2;
		}
		ShipClock clock = new ShipClock();
		Sluice sluice = Sluice.builder().clock(clock).shutdownHook(false).build();
		sluice.apply(loader.plan(cfg, sluice.environment())).block();
		// the running pipeline follows its file, as every Sluice started from a config does
		ConfigReloader follower = ConfigReloader.follow(sluice, ConfigSource.of(config), cfg);
		ShipRun run = new ShipRun(sluice, err, timeout);
		// SIGTERM or Ctrl-C: stop reading, drain what was accepted, print the summary
		Thread hook = new Thread(run::stopFromSignal, "sluice-ship-stop");
		Runtime.getRuntime().addShutdownHook(hook);
		ObjectMapper json = new ObjectMapper();
		long total = input != null ? Files.size(input) : -1;
		Thread me = Thread.currentThread();
		String ownName = me.getName();
		InputLines in = input == null ? new InputLines(System.in)
				: new InputLines(Files.newInputStream(input), start[0], start[1]);
		if (resume != null) {
			run.resumeIn(resume, () -> new long[] {in.bytesRead(), in.lines()});
		}
		try (in; ProgressBar bar = input != null ? ProgressBar.start("ship", total, in::bytesRead) : null) {
			InputLines.Line line;
			while (!run.stopping() && (line = in.next()) != null) {
				run.read();
				if (line.text() == null) {
					run.bad(line.number(), line.problem());
					continue;
				}
				if (line.text().isBlank()) {
					continue;
				}
				ShippedRecord r;
				try {
					r = ShippedRecord.parse(json, line.text());
				}
				catch (IllegalArgumentException e) {
					run.bad(line.number(), e.getMessage());
					continue;
				}
				if (!sluice.logger(r.logger()).isEnabled(r.level())) {
					run.belowLevel();
					continue;
				}
				clock.at(r.time());
				me.setName(r.thread());
				try {
					r.log(sluice);
				}
				finally {
					me.setName(ownName);
					clock.at(null);
				}
				run.shipped();
			}
		}
		catch (IOException e) {
			run.readFailed(e);
		}
		int code = run.finish();
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		}
		catch (IllegalStateException exiting) {
			// the hook runs or ran; it found the summary printed
		}
		follower.dispose();
		return code;
	}

	/**
	 * The pipeline's clock: the time of the record being shipped, or the system's when it has
	 * none. Set and read on the shipping thread only (the pipeline reads it when a record is logged).
	 */
	static final class ShipClock extends Clock {

		private final Clock system = Clock.systemUTC();
		/** Per thread: several shippers (group members) may log through one pipeline at once. */
		private final ThreadLocal<Instant> at = new ThreadLocal<>();

		void at(Instant instant) {
			if (instant == null) {
				at.remove();
			}
			else {
				at.set(instant);
			}
		}

		@Override
		public Instant instant() {
			Instant a = at.get();
			return a != null ? a : system.instant();
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return system.withZone(zone);
		}
	}
}
