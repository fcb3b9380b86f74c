package dev.sluice.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import dev.sluice.pipeline.Sluice;

/**
 * A member of a Kafka consumer group that ships each record of a topic through a running
 * pipeline, as {@code sluice ship} does from a file, and commits a partition's offset only once
 * every record before it is settled in every sink ({@link Sluice#flush()}): delivered, handed to a
 * fallback, or counted as dropped. A shipper that dies loses nothing: its partitions move to
 * another member, which ships the uncommitted records again (at least once; records carry an
 * {@code id} for de-duplication).
 *
 * <p>Flow: poll, log every polled record, pause all assigned partitions and ask the pipeline to
 * flush; keep polling (paused, so nothing more is fetched and the group keeps the member) until
 * the flush completes; commit; resume. So at most one poll's worth of records
 * ({@code max.poll.records}) is in the pipeline at a time, and a slow sink holds Kafka back
 * rather than a buffer growing. A rebalance waits for the flush in progress and commits before
 * the partitions go.
 *
 * <p>Threading: {@link #run()} owns the consumer and runs on the caller's thread (the consumer is
 * not thread-safe); {@link #stop()} may be called from any thread (a shutdown hook) and makes
 * {@code run} drain, commit and return. Metrics go to the pipeline's meter registry:
 * {@code sluice.ship.kafka.records}, {@code sluice.ship.kafka.commits},
 * {@code sluice.ship.kafka.unparsable} and {@code sluice.ship.kafka.lag} per partition.
 */
final class KafkaShipper {

	private static final Duration POLL = Duration.ofMillis(100);

	private final Sluice sluice;
	private final ShipCommand.ShipClock clock;
	private final String topic;
	private final PrintStream err;
	private final Duration flushTimeout;
	private final KafkaConsumer<byte[], byte[]> consumer;
	private final PartitionLag lag;
	private final ObjectMapper json = new ObjectMapper();
	/** Next offset to commit per partition, for records logged but not yet committed; consumer thread only. */
	private final Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();
	private final Counter records;
	private final Counter commits;
	private final Counter unparsable;
	private final AtomicLong shipped = new AtomicLong();
	private final AtomicLong committed = new AtomicLong();
	private final CountDownLatch finished = new CountDownLatch(1);
	/** What the consumer has paused, as last seen on its thread (read from any thread). */
	private volatile Set<TopicPartition> paused = Set.of();
	private final AtomicLong polls = new AtomicLong();
	private volatile boolean stopping;
	private volatile boolean aborted;
	private volatile boolean crashBeforeCommit;

	/**
	 * @param consumerOverrides any other consumer settings (security, {@code max.poll.records}...)
	 */
	KafkaShipper(Sluice sluice, ShipCommand.ShipClock clock, String bootstrap, String topic, String group,
			Duration flushTimeout, Map<String, String> consumerOverrides, PrintStream err) {
		this.sluice = sluice;
		this.clock = clock;
		this.topic = topic;
		this.err = err;
		this.flushTimeout = flushTimeout;
		Properties p = new Properties();
		p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
		p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
		p.put(ConsumerConfig.CLIENT_ID_CONFIG, "sluice-ship-" + group);
		p.putAll(consumerOverrides);
		p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
		p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
		this.consumer = new KafkaConsumer<>(p);
		this.lag = new PartitionLag(consumer, sluice.environment().meterRegistry());
		MeterRegistry meters = sluice.environment().meterRegistry();
		this.records = Counter.builder("sluice.ship.kafka.records").tag("topic", topic).register(meters);
		this.commits = Counter.builder("sluice.ship.kafka.commits").tag("topic", topic).register(meters);
		this.unparsable = Counter.builder("sluice.ship.kafka.unparsable").tag("topic", topic).register(meters);
	}

	/** Consumes until {@link #stop()}; then drains, commits and closes the consumer. Blocking. */
	void run() {
		try {
			consumer.subscribe(List.of(topic), new Rebalance());
			while (!stopping) {
				ConsumerRecords<byte[], byte[]> batch;
				try {
					batch = poll();
				}
				catch (WakeupException e) {
					continue; // stop() woke the poll: the loop condition decides
				}
				if (batch.isEmpty()) {
					continue;
				}
				for (ConsumerRecord<byte[], byte[]> r : batch) {
					ship(r);
					pending.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
				}
				settleAndCommit(true);
			}
			if (!aborted) {
				settleAndCommit(false);
			}
		}
		catch (WakeupException e) {
			if (!aborted) {
				throw e;
			}
		}
		finally {
			consumer.close(aborted ? Duration.ZERO : Duration.ofSeconds(10));
			finished.countDown();
		}
	}

	/** Any thread: makes {@link #run()} drain, commit what is settled, and return. */
	void stop() {
		stopping = true;
		consumer.wakeup();
	}

	/**
	 * Any thread: makes {@link #run()} return at once without flushing or committing, as a crash
	 * would (tests): what was not committed is shipped again by another member.
	 */
	void abort() {
		aborted = true;
		stop();
	}

	/**
	 * Any thread (tests): the next commit does not happen and {@link #run()} returns as if the
	 * process died just after its records were written but before their offsets were committed,
	 * the case that makes another member ship them again.
	 */
	void crashBeforeNextCommit() {
		crashBeforeCommit = true;
	}

	/** Waits until {@link #run()} has returned. */
	boolean awaitFinished(Duration timeout) throws InterruptedException {
		return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void ship(ConsumerRecord<byte[], byte[]> r) {
		String line = new String(r.value(), StandardCharsets.UTF_8);
		ShippedRecord record;
		try {
			record = ShippedRecord.parse(json, line);
		}
		catch (IllegalArgumentException e) {
			unparsable.increment();
			err.println("sluice ship: " + r.topic() + "-" + r.partition() + "@" + r.offset() + ": " + e.getMessage()
					+ " (skipped)");
			return;
		}
		Thread me = Thread.currentThread();
		String ownName = me.getName();
		clock.at(record.time());
		me.setName(record.thread());
		try {
			record.log(sluice);
		}
		finally {
			me.setName(ownName);
			clock.at(null);
		}
		records.increment();
		shipped.incrementAndGet();
	}

	/**
	 * Waits until the pipeline has settled everything logged so far, then commits. With
	 * {@code keepPolling}, the partitions are paused meanwhile and the consumer keeps polling so
	 * that the group does not drop this member while a slow sink catches up.
	 */
	private void settleAndCommit(boolean keepPolling) {
		if (pending.isEmpty()) {
			return;
		}
		CompletableFuture<Void> settled = sluice.flush().timeout(flushTimeout).toFuture();
		if (keepPolling) {
			pauseAll();
			try {
				while (!settled.isDone() && !aborted) {
					ConsumerRecords<byte[], byte[]> more;
					try {
						more = poll();
					}
					catch (WakeupException e) {
						continue; // stop(): finish this flush first
					}
					if (!more.isEmpty()) {
						// Partitions assigned by a rebalance meanwhile are not paused: ship what they
						// gave, pause them too, and wait for a flush that covers these records as well.
						for (ConsumerRecord<byte[], byte[]> r : more) {
							ship(r);
							pending.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
						}
						pauseAll();
						settled = sluice.flush().timeout(flushTimeout).toFuture();
					}
				}
			}
			finally {
				consumer.resume(consumer.assignment());
				paused = Set.copyOf(consumer.paused());
			}
		}
		if (aborted) {
			return;
		}
		try {
			settled.join();
		}
		catch (RuntimeException e) {
			err.println("sluice ship: the pipeline did not settle within " + flushTimeout
					+ "; nothing committed, the records will be shipped again: " + e);
			return;
		}
		commit();
	}

	private void commit() {
		if (pending.isEmpty()) {
			return;
		}
		if (crashBeforeCommit) {
			aborted = true; // run() returns without committing, as a crash would
			stopping = true;
			return;
		}
		Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(pending);
		// Only partitions still assigned can be committed; the others were handed on by a rebalance.
		offsets.keySet().retainAll(consumer.assignment());
		if (!offsets.isEmpty()) {
			try {
				consumer.commitSync(offsets);
			}
			catch (WakeupException e) {
				if (aborted) {
					return; // a crash commits nothing
				}
				consumer.commitSync(offsets); // stop() woke this call; the wake-up is used up now
			}
			commits.increment();
			committed.incrementAndGet();
		}
		pending.clear();
	}

	private ConsumerRecords<byte[], byte[]> poll() {
		polls.incrementAndGet();
		ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
		// every assigned partition, paused or not: lag is what waits in Kafka, caught up is 0
		lag.update(consumer.assignment());
		return records;
	}

	private void pauseAll() {
		consumer.pause(consumer.assignment());
		paused = Set.copyOf(consumer.paused());
	}

	long shipped() {
		return shipped.get();
	}

	long commits() {
		return committed.get();
	}

	/** The partitions paused while the pipeline settles what was polled (any thread). */
	Set<TopicPartition> paused() {
		return paused;
	}

	/** How many times the consumer has polled, paused or not (any thread). */
	long polls() {
		return polls.get();
	}

	long unparsable() {
		return (long) unparsable.count();
	}

	Map<TopicPartition, Long> lag() {
		return lag.snapshot();
	}

	/** One line: what was consumed, how fast, commits and lag. */
	String summary(Duration elapsed) {
		double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
		return String.format("sluice ship: kafka topic %s: shipped %,d record(s) (%,.0f/s), %,d commit(s), %,.0f unparsable, lag %s",
				topic, shipped(), shipped() / seconds, commits(), unparsable.count(), lag.byPartition());
	}

	/** Commits what is settled before partitions go to another member. Runs inside poll(). */
	private final class Rebalance implements ConsumerRebalanceListener {

		@Override
		public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
			if (aborted || pending.isEmpty()) {
				return;
			}
			try {
				sluice.flush().block(flushTimeout); // the consumer's own thread, never a Reactor thread
				commit();
			}
			catch (RuntimeException e) {
				err.println("sluice ship: could not commit before a rebalance; the records will be shipped again: " + e);
				pending.keySet().removeAll(partitions);
			}
		}

		@Override
		public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
			// nothing to do: the committed offsets say where to start
		}

		@Override
		public void onPartitionsLost(Collection<TopicPartition> partitions) {
			pending.keySet().removeAll(partitions); // another member owns them now: never commit them
		}
	}
}
