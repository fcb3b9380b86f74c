package dev.sluice.sinks.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import reactor.core.publisher.Mono;

import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.sink.Batch;
import dev.sluice.pipeline.sink.Sink;
import dev.sluice.pipeline.sink.StatusLogger;

/**
 * Writes each record as one JSON object ({@link RecordJson}) to a Kafka topic through an
 * idempotent producer.
 *
 * <p>Threading: the producer is made, and the cluster asked for the topic's metadata, on a
 * short-lived daemon thread when the sink is created, so that a missing or unreachable cluster is
 * reported at start and no Reactor thread ever waits on Kafka. {@link #write} runs on the sink's
 * runner thread: {@code send} may wait there for metadata or buffer space, at most
 * {@code max_block_ms} at a time; each such wait is counted ({@code sluice.kafka.send.timeouts})
 * and the send tried again, so during an outage the runner waits, records gather in the
 * handler's bounded buffer and its overflow policy decides (counted) what is dropped; a record
 * still unsent after {@code delivery_timeout_ms} is dropped with reason {@code kafka_timeout}.
 *
 * <p>Accounting: the returned {@code Mono} completes when the producer has called back for every
 * record of the batch: acknowledged ones count as delivered, failed ones as dropped with a reason
 * ({@code kafka_timeout} after {@code delivery_timeout_ms}, {@code kafka_too_large},
 * {@code kafka_error}); the producer's internal retries are added to the batch's retried count.
 */
final class KafkaSink implements Sink {

	private static final String SOURCE_PREFIX = "sink ";

	private final String handler;
	private final KafkaSettings settings;
	private final StatusLogger status;
	private final RecordJson json = new RecordJson();
	private final CompletableFuture<Producer<byte[], byte[]>> producer = new CompletableFuture<>();
	private final Counter sendTimeouts;
	private final Counter acknowledged;
	private final Counter failed;
	/** Set by close(): a blocked send stops waiting for the cluster. */
	private volatile boolean closing;
	/** Retries already attributed to batches; read and written on the producer's I/O thread only. */
	private double retriesSeen;

	KafkaSink(String handler, KafkaSettings settings, StatusLogger status, MeterRegistry registry,
			Function<Properties, Producer<byte[], byte[]>> factory) {
		this.handler = handler;
		this.settings = settings;
		this.status = status;
		this.sendTimeouts = Counter.builder("sluice.kafka.send.timeouts").tag("handler", handler)
				.description("sends that waited max_block_ms for metadata or buffer space").register(registry);
		this.acknowledged = Counter.builder("sluice.kafka.records").tag("handler", handler).tag("outcome", "acknowledged")
				.register(registry);
		this.failed = Counter.builder("sluice.kafka.records").tag("handler", handler).tag("outcome", "failed")
				.register(registry);
		Thread starter = new Thread(() -> start(factory), "sluice-kafka-start-" + handler);
		starter.setDaemon(true);
		starter.start();
	}

	/** Runs on the starter thread: makes the producer, then checks that the cluster answers. */
	private void start(Function<Properties, Producer<byte[], byte[]>> factory) {
		Producer<byte[], byte[]> p;
		try {
			p = factory.apply(settings.producerProperties());
		}
		catch (RuntimeException e) {
			status.error(SOURCE_PREFIX + handler, "cannot start a Kafka producer for bootstrap_servers '"
					+ settings.bootstrapServers() + "'; every record is dropped (kafka_unavailable)", rootCause(e));
			producer.completeExceptionally(e);
			return;
		}
		if (!producer.complete(p)) {
			p.close(Duration.ZERO); // the sink closed while the producer was being made
			return;
		}
		try {
			p.partitionsFor(settings.topic());
		}
		catch (RuntimeException e) {
			// Same key as a blocked send's report: an unreachable cluster is one line, whichever comes first.
			status.once(blockKey(), SOURCE_PREFIX + handler, "Kafka at bootstrap_servers '" + settings.bootstrapServers()
					+ "' did not give metadata for topic '" + settings.topic() + "' within max_block_ms ("
					+ settings.maxBlock().toMillis() + " ms); records wait in the handler's buffer or are dropped by its policy",
					rootCause(e));
		}
	}

	@Override
	public Mono<Void> write(Batch batch) {
		Producer<byte[], byte[]> p = producerOrNull();
		if (p == null) {
			batch.dropped(batch.size(), "kafka_unavailable");
			return Mono.empty();
		}
		Pending pending = new Pending(batch, p);
		long giveUpAt = System.nanoTime() + settings.deliveryTimeout().toNanos();
		boolean expired = false;
		for (LogRecord r : batch.records()) {
			if (expired) {
				// The batch waited delivery_timeout_ms for the cluster already: the rest is not tried.
				pending.settle("kafka_timeout");
				continue;
			}
			byte[] value;
			try {
				value = json.encode(r, idOf(r));
			}
			catch (RuntimeException e) {
				status.once("format:" + handler, SOURCE_PREFIX + handler, "a record could not be encoded (format_error)", e);
				pending.settle("format_error");
				continue;
			}
			ProducerRecord<byte[], byte[]> pr = new ProducerRecord<>(settings.topic(), null, r.epochMillis(),
					settings.key().of(r), value);
			expired = !send(p, pr, pending, giveUpAt);
		}
		return pending.mono();
	}

	/**
	 * Sends one record; when send() itself waited max_block_ms (no metadata, full buffer) the
	 * record is sent again, so that an outage holds the runner and the handler's buffer policy
	 * decides what to drop, until the batch's delivery_timeout_ms has passed or the sink closes.
	 *
	 * @return false when the record was given up (kafka_timeout) after waiting for the cluster
	 */
	private boolean send(Producer<byte[], byte[]> p, ProducerRecord<byte[], byte[]> pr, Pending pending, long giveUpAt) {
		while (true) {
			Attempt attempt = new Attempt(pending);
			try {
				p.send(pr, attempt);
			}
			catch (RuntimeException e) {
				// send throws only for what is not an ApiException (a closed producer, an interrupt).
				pending.settle(reason(e));
				return true;
			}
			if (!attempt.blocked) {
				return true;
			}
			sendTimeouts.increment();
			status.once(blockKey(), SOURCE_PREFIX + handler, "a send waited max_block_ms ("
					+ settings.maxBlock().toMillis() + " ms) for Kafka at '" + settings.bootstrapServers()
					+ "'; records wait in the handler's buffer (up to delivery_timeout_ms each)", null);
			if (closing || System.nanoTime() - giveUpAt >= 0) {
				pending.settle("kafka_timeout");
				return false;
			}
			pending.batch.retried(1);
		}
	}

	/** One send's callback: a timeout reported within send() itself is a blocked send, retried. */
	private final class Attempt implements Callback {

		private final Pending pending;
		private final Thread sender = Thread.currentThread();
		/** Written and read on the sending thread only (the producer calls back synchronously there). */
		boolean blocked;

		Attempt(Pending pending) {
			this.pending = pending;
		}

		@Override
		public void onCompletion(RecordMetadata metadata, Exception exception) {
			if (exception instanceof TimeoutException && Thread.currentThread() == sender) {
				blocked = true;
				return;
			}
			pending.onCompletion(metadata, exception);
		}
	}

	private String blockKey() {
		return "block:" + handler;
	}

	private Producer<byte[], byte[]> producerOrNull() {
		try {
			// Blocks the runner thread (never a Reactor thread) until the starter thread is done.
			return producer.get();
		}
		catch (ExecutionException e) {
			return null;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	/**
	 * A record shipped from Kafka keeps the id it came with (so that a record forwarded to another
	 * topic is still recognised as the same); any other gets a new one.
	 */
	private static String idOf(LogRecord r) {
		Object id = r.attributes().get(LogRecord.RECORD_ID);
		return id != null ? id.toString() : RecordIds.next(r.epochMillis());
	}

	static String reason(Throwable e) {
		if (e instanceof TimeoutException) {
			return "kafka_timeout";
		}
		if (e instanceof RecordTooLargeException) {
			return "kafka_too_large";
		}
		return "kafka_error";
	}

	private static Throwable rootCause(Throwable e) {
		Throwable t = e;
		while (t.getCause() != null && t.getCause() != t) {
			t = t.getCause();
		}
		return t;
	}

	@Override
	public Mono<Void> close() {
		closing = true;
		// getNow would throw when the producer could not be made (reported at start already)
		Producer<byte[], byte[]> p = producer.isDone() && !producer.isCompletedExceptionally()
				? producer.getNow(null) : null;
		if (p != null) {
			p.close(Duration.ofSeconds(5));
		}
		else {
			producer.cancel(false);
		}
		return Mono.empty();
	}

	/** The callbacks of one batch: completes when every record is acknowledged or failed. */
	private final class Pending implements Callback {

		final Batch batch;
		private final Producer<byte[], byte[]> producer;
		private final AtomicInteger open;
		private final CompletableFuture<Void> done = new CompletableFuture<>();

		Pending(Batch batch, Producer<byte[], byte[]> producer) {
			this.batch = batch;
			this.producer = producer;
			this.open = new AtomicInteger(batch.size());
		}

		@Override
		public void onCompletion(RecordMetadata metadata, Exception exception) {
			if (exception == null) {
				acknowledged.increment();
				countDown();
			}
			else {
				if (!(exception instanceof TimeoutException)) {
					status.once("send:" + handler, SOURCE_PREFIX + handler, "Kafka refused a record", exception);
				}
				settle(reason(exception));
			}
		}

		void settle(String reason) {
			failed.increment();
			batch.dropped(1, reason);
			countDown();
		}

		private void countDown() {
			if (open.decrementAndGet() == 0) {
				batch.retried(retriesSince());
				done.complete(null);
			}
		}

		private int retriesSince() {
			double total = 0;
			for (Map.Entry<MetricName, ? extends Metric> e : producer.metrics().entrySet()) {
				if (e.getKey().name().equals("record-retry-total") && e.getKey().group().equals("producer-metrics")) {
					Object v = e.getValue().metricValue();
					total = v instanceof Number ? ((Number) v).doubleValue() : 0;
				}
			}
			synchronized (KafkaSink.this) {
				int delta = (int) Math.max(0, total - retriesSeen);
				retriesSeen = Math.max(retriesSeen, total);
				return delta;
			}
		}

		Mono<Void> mono() {
			if (batch.size() == 0) {
				return Mono.empty();
			}
			return Mono.fromFuture(done, true);
		}
	}

	static Producer<byte[], byte[]> kafkaProducer(Properties properties) {
		return new KafkaProducer<>(properties);
	}
}
