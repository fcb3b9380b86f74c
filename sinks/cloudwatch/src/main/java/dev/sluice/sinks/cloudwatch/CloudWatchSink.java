package dev.sluice.sinks.cloudwatch;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.sink.Batch;
import dev.sluice.pipeline.sink.Sink;
import dev.sluice.pipeline.sink.SinkSpec;
import dev.sluice.pipeline.sink.StatusLogger;
import dev.sluice.sinks.delivery.BatchLimits;
import dev.sluice.sinks.delivery.DeliveryEngine;
import dev.sluice.sinks.delivery.Entry;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsAsyncClient;

/**
 * Ships records to one CloudWatch Logs group, one stream per resolved {@code log_stream_name},
 * through the AWS SDK v2 asynchronous client and the delivery engine.
 *
 * <p>What is never sent (each counted as dropped with its reason and reported once): records of
 * the AWS SDK's and Netty's own loggers ({@code feedback_loop}, see below), records older than
 * 14 days ({@code too_old}) or than the group's retention ({@code expired}), more than 2 hours
 * ahead ({@code too_new}), or whose message is empty ({@code empty_message}). Requests keep
 * every PutLogEvents rule: one stream each, at most {@code max_batch_count} events and
 * {@code max_batch_size} bytes (UTF-8 + 26 per event), sorted by time, spanning under 24 hours.
 *
 * <p>No feedback loop: the SDK and Netty log through SLF4J, and with Sluice as the SLF4J provider
 * their records would come back to this sink, whose sending makes more of them (watchtower hangs
 * this way when botocore logs at DEBUG, its issues #93 and #115). This sink therefore never sends
 * records of loggers under {@code software.amazon.awssdk}, {@code io.netty} or
 * {@code reactor.netty}: they are counted as dropped with reason {@code feedback_loop}. Route those
 * loggers to another handler (a file, the console) to keep them.
 *
 * <p>Time: the service judges an event's age by the wall clock, so this sink does too
 * ({@code Clock.systemUTC()}), not the pipeline's clock, which may replay the times of old records
 * (the {@code ship} command's does).
 *
 * <p>Threading: {@code write} runs on the sink's runner thread and never blocks; see
 * {@link DeliveryEngine} for batching, concurrency, retry and shutdown.
 */
public final class CloudWatchSink implements Sink {

	/** The drop reason of the SDK's and Netty's own records. */
	public static final String FEEDBACK_LOOP = "feedback_loop";
	private static final String[] FEEDBACK_PREFIXES = {"software.amazon.awssdk", "io.netty", "reactor.netty"};
	private static final long MAX_SPAN_MILLIS = Duration.ofHours(24).toMillis();

	private final String name;
	private final CloudWatchLogsAsyncClient client;
	private final boolean ownsClient;
	private final LogEventEncoder encoder;
	private final DeliveryEngine<LogEvent> engine;
	private final StatusLogger status;

	CloudWatchSink(SinkSpec spec, CloudWatchConfig config, CloudWatchLogsAsyncClient client, boolean ownsClient,
			Scheduler scheduler, Scheduler callScheduler, Clock serviceClock) {
		this.name = spec.handlerName();
		this.client = client;
		this.ownsClient = ownsClient;
		this.status = spec.environment().status();
		this.encoder = new LogEventEncoder(StreamNameTemplate.compile(config.logStreamName, Host.machineName(),
				Host.programName(), ProcessHandle.current().pid()), spec.layout(), config.json, config.maxMessageSize,
				config.retentionDays, serviceClock);
		LogsSender sender = new LogsSender(client, config, callScheduler, status, "sink " + name);
		DeliveryEngine.Builder<LogEvent> b = DeliveryEngine.builder(name, sender, spec.environment())
				.limits(BatchLimits.of(config.maxBatchCount, config.maxBatchSize))
				.partitionBy(LogEvent::stream)
				.orderBy(Comparator.comparingLong(LogEvent::timestamp))
				.rule((request, next) -> next.value().timestamp() - request.get(0).value().timestamp() < MAX_SPAN_MILLIS)
				.concurrency(config.concurrency)
				.linger(config.sendInterval)
				.classifier(new LogsFailures(config.logGroupName))
				.scheduler(scheduler)
				.clock(serviceClock);
		this.engine = config.delivery.applyTo(b, spec).build();
	}

	@Override
	public Mono<Void> write(Batch batch) {
		List<Entry<LogEvent>> entries = new ArrayList<>(batch.size());
		Map<String, Integer> rejected = new TreeMap<>();
		LogEventEncoder.Rejects rejects = (record, reason) -> rejected.merge(reason, 1, Integer::sum);
		for (LogRecord r : batch.records()) {
			if (isFeedback(r.loggerName())) {
				rejected.merge(FEEDBACK_LOOP, 1, Integer::sum);
				continue;
			}
			Entry<LogEvent> e = encoder.encode(r, rejects);
			if (e != null) {
				entries.add(e);
			}
		}
		rejected.forEach((reason, n) -> {
			batch.dropped(n, reason);
			if (!FEEDBACK_LOOP.equals(reason)) {
				status.once("not_sent:" + name + ":" + reason, "sink " + name, n + " record(s) were not sent"
						+ " because CloudWatch Logs would reject them (" + reason + "); such records are counted as"
						+ " dropped (reported once)", null);
			}
		});
		return engine.deliver(batch, entries);
	}

	static boolean isFeedback(String logger) {
		for (String p : FEEDBACK_PREFIXES) {
			if (logger.startsWith(p) && (logger.length() == p.length() || logger.charAt(p.length()) == '.')) {
				return true;
			}
		}
		return false;
	}

	/** The engine's breaker state (tests and diagnostics). */
	dev.sluice.sinks.delivery.BreakerState breakerState() {
		return engine.breakerState();
	}

	@Override
	public Mono<Void> close() {
		if (!ownsClient) {
			return Mono.empty();
		}
		// closing the SDK client shuts its event loops down and waits: off the Reactor threads
		return Mono.fromRunnable(client::close).subscribeOn(Schedulers.boundedElastic()).then();
	}

	@Override
	public String toString() {
		return "CloudWatchSink{" + name + ", " + engine + '}';
	}
}
