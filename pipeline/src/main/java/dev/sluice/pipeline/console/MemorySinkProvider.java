package dev.sluice.pipeline.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.sink.Batch;
import dev.sluice.pipeline.sink.Sink;
import dev.sluice.pipeline.sink.options.SinkOptions;
import dev.sluice.pipeline.sink.SinkProvider;
import dev.sluice.pipeline.sink.SinkSpec;
import dev.sluice.pipeline.sink.StatusLogger;
import reactor.core.publisher.Mono;

/**
 * {@code logging.handlers.MemoryHandler} (short name {@code memory}): holds records and hands
 * them all to its {@code target} handler when {@code capacity} are held or one at
 * {@code flushLevel} (default ERROR) or above arrives, and at close unless {@code flushOnClose}
 * is false, as Python's. Handed records count as this handler's fallback (the target accounts for
 * them); records discarded at close ({@code flushOnClose: false}) are reported with their number.
 * Without a target, records are dropped and counted ({@code no_target}); Python's would be held
 * without bound.
 */
public final class MemorySinkProvider implements SinkProvider {

	@Override
	public Set<String> classNames() {
		return Set.of("logging.handlers.MemoryHandler", "memory");
	}

	@Override
	public Sink create(SinkSpec spec) {
		SinkOptions o = spec.options();
		int capacity = o.integer("capacity", -1);
		if (capacity < 1) {
			o.problem("capacity", capacity == -1 ? "is required: how many records to hold before handing them on"
					: "expected at least 1, found " + capacity);
		}
		Level flushLevel = o.level("flushLevel", Level.ERROR);
		String target = o.string("target", null);
		boolean flushOnClose = o.bool("flushOnClose", true);
		o.validate();
		Consumer<List<LogRecord>> handoff = target == null ? null : spec.environment().handoff(target);
		return new MemorySink(spec.handlerName(), capacity, flushLevel, handoff, flushOnClose, spec.environment().status());
	}

	/** The sink: holds records on its runner's thread. */
	static final class MemorySink implements Sink {

		private final String name;
		private final int capacity;
		private final int flushLevel;
		private final Consumer<List<LogRecord>> target;
		private final boolean flushOnClose;
		private final StatusLogger status;
		private List<LogRecord> held = new ArrayList<>();

		MemorySink(String name, int capacity, Level flushLevel, Consumer<List<LogRecord>> target, boolean flushOnClose,
				StatusLogger status) {
			this.name = name;
			this.capacity = capacity;
			this.flushLevel = flushLevel.value();
			this.target = target;
			this.flushOnClose = flushOnClose;
			this.status = status;
		}

		@Override
		public Mono<Void> write(Batch batch) {
			if (target == null) {
				batch.dropped(batch.size(), "no_target");
				status.once("memory-no-target:" + name, "handler " + name, "MemoryHandler without a target: its records"
						+ " are dropped (no_target)", null);
				return Mono.empty();
			}
			// every record of the batch goes to the target, now or at a later flush: counted as handed on
			batch.handedToFallback(batch.size());
			for (LogRecord r : batch.records()) {
				held.add(r);
				if (held.size() >= capacity || r.level().value() >= flushLevel) {
					handOn();
				}
			}
			return Mono.empty();
		}

		private void handOn() {
			if (!held.isEmpty()) {
				List<LogRecord> out = held;
				held = new ArrayList<>();
				target.accept(out);
			}
		}

		@Override
		public Mono<Void> close() {
			return Mono.fromRunnable(() -> {
				if (flushOnClose) {
					handOn();
				}
				else if (!held.isEmpty()) {
					status.warn("handler " + name, held.size() + " record(s) held by the MemoryHandler were discarded at"
							+ " close (flushOnClose: false)");
					held.clear();
				}
			});
		}

		@Override
		public String toString() {
			return "MemorySink{" + name + ", capacity " + capacity + '}';
		}
	}
}
