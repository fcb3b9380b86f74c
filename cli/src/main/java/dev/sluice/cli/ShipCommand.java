package dev.sluice.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.sluice.config.ConfigLoader;
import dev.sluice.config.LoggingConfig;
import dev.sluice.pipeline.ShutdownReport;
import dev.sluice.pipeline.SinkReport;
import dev.sluice.pipeline.Sluice;
import dev.sluice.pipeline.sink.ConfigProblem;
import dev.sluice.pipeline.sink.InvalidConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice ship --config FILE [--input FILE]}: reads JSON lines (stdin by default), one
 * record each, and logs each through the config exactly as the application would have, in input
 * order (one thread). Waits until every sink has flushed, prints a per-sink summary to stderr,
 * and exits 0, or 1 when a record was dropped or a line could not be parsed (each such line is
 * named by number and skipped), or 2 when the config is invalid.
 */
@Command(name = "ship", mixinStandardHelpOptions = true,
		description = "Ship JSON-lines records (time, logger, level, message, thread, context, error) through a config.")
final class ShipCommand implements Callable<Integer> {

	@Option(names = "--config", required = true, paramLabel = "FILE", description = "The dictConfig file.")
	Path config;

	@Option(names = "--input", paramLabel = "FILE", description = "JSON lines to ship (default: stdin).")
	Path input;

	@Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT60S",
			description = "How long to wait for the sinks to flush at the end (default: ${DEFAULT-VALUE}).")
	Duration timeout;

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
		ObjectMapper json = new ObjectMapper();
		LongAdder lines = new LongAdder();
		long read = 0;
		long shipped = 0;
		List<String> bad = new ArrayList<>();
		long total = input != null ? Files.size(input) : -1;
		LongAdder bytes = new LongAdder();
		Thread me = Thread.currentThread();
		String ownName = me.getName();
		try (BufferedReader in = input != null ? Files.newBufferedReader(input, StandardCharsets.UTF_8)
				: new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
				ProgressBar bar = input != null ? ProgressBar.start("ship", total, bytes::sum) : null) {
			String line;
			while ((line = in.readLine()) != null) {
				read++;
				lines.increment();
				bytes.add(line.length() + 1L);
				if (line.isBlank()) {
					continue;
				}
				ShippedRecord r;
				try {
					r = ShippedRecord.parse(json, line);
				}
				catch (IllegalArgumentException e) {
					bad.add("line " + read + ": " + e.getMessage());
					err.println("sluice ship: line " + read + ": " + e.getMessage() + " (skipped)");
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
				shipped++;
			}
		}
		ShutdownReport report = sluice.shutdown(timeout).block();
		err.printf("sluice ship: read %,d line(s), shipped %,d record(s), %,d line(s) could not be parsed%n", read, shipped,
				bad.size());
		for (Map.Entry<String, SinkReport> e : report.sinks().entrySet()) {
			SinkReport s = e.getValue();
			err.printf("  sink %s: read %,d  delivered %,d  dropped %,d%s%n", e.getKey(), s.received(), s.delivered(),
					s.dropped(), s.droppedByReason().isEmpty() ? "" : " " + s.droppedByReason());
		}
		if (!report.ingressDropped().isEmpty()) {
			err.println("  dropped before routing: " + report.ingressDropped());
		}
		return report.droppedTotal() == 0 && bad.isEmpty() ? 0 : 1;
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
