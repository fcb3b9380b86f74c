package dev.sluice.pipeline.sink;

import reactor.core.publisher.Mono;

/**
 * Where records end up: a console, a file, a remote service.
 *
 * <p>Threading: each sink has its own runner with its own bounded buffer and its own dedicated
 * thread (shared only by sinks writing to one {@link #sharedOutput() output}), which is
 * <em>not</em> a Reactor thread. The runner calls {@link #write} with one batch
 * at a time and calls it again only after the previous returned {@code Mono} has terminated, so
 * a sink never sees two concurrent writes. A sink that does blocking I/O (files, the console)
 * may do it inside {@code write} and return {@code Mono.empty()}; a sink that talks to a remote
 * service returns a {@code Mono} that completes when the batch is settled.
 *
 * <p>Accounting: when the returned {@code Mono} completes, every record of the batch that the
 * sink did not mark with {@link Batch#dropped} is counted as delivered. When it errors, the
 * records not yet marked are counted as dropped with reason {@code sink_error} and the error is
 * reported once on the status logger; the runner, the caller and the other sinks go on. A
 * {@code write} that throws is treated like one that errors.
 *
 * <p>Urgency: a sink may delay the end of a write on purpose (to group records across writes),
 * but not once the batch is {@link Batch#markUrgent() urgent}: the runner marks it when a
 * {@code Sluice.flush()} barrier or a shutdown waits for it, and the sink then ends the delay at
 * once ({@link Batch#urgent()}).
 */
public interface Sink {

	/**
	 * Writes one batch; see the class comment for the threading and accounting contract.
	 *
	 * @param batch the records to write; the sink settles each (see {@link Batch})
	 * @return a {@code Mono} that completes when the batch is written; on an error the records not settled are
	 *     counted as dropped
	 */
	Mono<Void> write(Batch batch);

	/** {@return a {@code Mono} that completes when flushed} Makes everything written so far durable or visible (flushes buffers). */
	default Mono<Void> flush() {
		return Mono.empty();
	}

	/**
	 * The output this sink writes to, when other sinks may write there too (a process stream).
	 * Sinks of one pipeline that return equal values share one runner thread, which writes their
	 * records in routing order: record after record and, for one record, handler after handler, as
	 * CPython's handlers write on the caller's thread. Each sink keeps its own buffer, level,
	 * filters and accounting. Such sinks should not hold their thread long (they share it, as they
	 * share the output). Asked once, after the sink is made.
	 *
	 * @return a value identifying the output (compared with {@code equals}), or null (the default):
	 *     the sink runs on a thread of its own
	 */
	default Object sharedOutput() {
		return null;
	}

	/** {@return a {@code Mono} that completes when closed} Flushes and releases the sink's resources; called once, after the last write. */
	default Mono<Void> close() {
		return flush();
	}
}
