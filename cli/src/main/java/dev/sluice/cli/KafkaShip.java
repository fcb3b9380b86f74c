package dev.sluice.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.KafkaException;

import dev.sluice.config.ConfigLoader;
import dev.sluice.config.LoggingConfig;
import dev.sluice.pipeline.DropReasons;
import dev.sluice.pipeline.ShutdownReport;
import dev.sluice.pipeline.Sluice;
import dev.sluice.pipeline.sink.options.ConfigProblem;
import dev.sluice.pipeline.sink.options.InvalidConfigException;

/**
 * {@code sluice ship --from kafka --bootstrap HOST:PORT --topic T --group G --config FILE}: runs a
 * {@link KafkaShipper} until Ctrl-C (or another termination signal), then drains, commits and
 * prints a summary line and the per-sink lines. Exit 0, or 1 when a record was dropped (other than
 * a redelivered copy skipped as {@code duplicate}) or could not be parsed, or 2 for bad arguments
 * or an invalid config.
 */
final class KafkaShip {

	private KafkaShip() {
	}

	static int run(ShipCommand cmd, PrintStream err) {
		List<String> missing = new ArrayList<>();
		if (cmd.bootstrap == null) {
			missing.add("--bootstrap");
		}
		if (cmd.topic == null) {
			missing.add("--topic");
		}
		if (cmd.group == null) {
			missing.add("--group");
		}
		if (!missing.isEmpty()) {
			err.println("sluice ship --from kafka: missing " + String.join(", ", missing));
			return 2;
		}
		ConfigLoader loader = ConfigLoader.defaults();
		LoggingConfig cfg;
		try {
			cfg = loader.read(cmd.config);
		}
		catch (InvalidConfigException e) {
			err.println(cmd.config + ": " + e.problems().size() + " problem(s):");
			for (ConfigProblem p : e.problems()) {
				err.println("  " + p);
			}
			return 2;
		}
		ShipCommand.ShipClock clock = new ShipCommand.ShipClock();
		Sluice sluice = Sluice.builder().clock(clock).shutdownHook(false).build();
		sluice.apply(loader.plan(cfg, sluice.environment())).block();
		KafkaShipper shipper;
		try {
			shipper = new KafkaShipper(sluice, clock, cmd.bootstrap, cmd.topic, cmd.group, cmd.timeout,
					cmd.consumerProperties, err);
		}
		catch (KafkaException e) {
			// A bootstrap that does not resolve, a bad consumer property: one clear line, no stack.
			sluice.shutdown(cmd.timeout).block();
			err.println("sluice ship --from kafka: cannot start a consumer for --bootstrap '" + cmd.bootstrap + "': "
					+ rootMessage(e));
			return 2;
		}
		long start = System.nanoTime();
		CountDownLatch summarised = new CountDownLatch(1);
		Thread hook = new Thread(() -> {
			shipper.stop();
			try {
				// Ctrl-C: the JVM exits when this hook returns, so wait until run() has drained and
				// committed and finish() has printed the summary.
				summarised.await(cmd.timeout.multipliedBy(2).plusSeconds(15).toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}, "sluice-ship-stop");
		Runtime.getRuntime().addShutdownHook(hook);
		try {
			return finish(shipper, sluice, cmd.timeout, start, err);
		}
		finally {
			summarised.countDown();
			try {
				Runtime.getRuntime().removeShutdownHook(hook);
			}
			catch (IllegalStateException e) {
				// the JVM is shutting down already (Ctrl-C): the hook is running
			}
		}
	}

	private static String rootMessage(Throwable e) {
		Throwable t = e;
		while (t.getCause() != null && t.getCause() != t) {
			t = t.getCause();
		}
		return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + t.getMessage();
	}

	/** Runs the shipper to its end, shuts the pipeline down and prints the summary. */
	static int finish(KafkaShipper shipper, Sluice sluice, Duration timeout, long startNanos, PrintStream err) {
		try {
			shipper.run();
		}
		finally {
			ShutdownReport report = sluice.shutdown(timeout).block();
			err.println(shipper.summary(Duration.ofNanos(System.nanoTime() - startNanos)));
			SinkLines.print(err, report);
			if (!report.ingressDropped().isEmpty()) {
				err.println("  dropped before routing: " + report.ingressDropped());
			}
			err.flush();
			// Redelivered copies skipped by a sink's de-duplication are not lost: they do not fail the run.
			long duplicates = report.sinks().values().stream()
					.mapToLong(sink -> sink.droppedByReason().getOrDefault(DropReasons.DUPLICATE, 0L)).sum();
			return report.droppedTotal() - duplicates == 0 && shipper.unparsable() == 0 ? 0 : 1;
		}
	}
}
