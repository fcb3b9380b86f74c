package dev.sluice.sinks.cloudwatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.concurrent.CompletableFuture;

import dev.sluice.pipeline.sink.StatusLogger;
import dev.sluice.sinks.delivery.Entry;
import dev.sluice.sinks.delivery.Outcome;
import dev.sluice.sinks.delivery.Request;
import dev.sluice.sinks.delivery.Sender;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsAsyncClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.RejectedLogEventsInfo;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * Sends one request as a PutLogEvents call (no sequence token: the service ignores them now). The
 * group is created (with its tags) and its retention set before the first call when so
 * configured; a missing stream, or group, is created on {@code ResourceNotFoundException} and the
 * events sent again, and {@code ResourceAlreadyExistsException} on a create counts as success,
 * since several instances race to create the same stream. {@code rejectedLogEventsInfo} is read
 * into the {@link Outcome}.
 *
 * <p>Threading: each SDK call is started on {@code callScheduler} (a scheduler where blocking is
 * allowed: the SDK may read credential files or resolve a host name when it starts a call) and
 * completes on the SDK's threads; nothing here blocks.
 */
final class LogsSender implements Sender<LogEvent> {

	static final String REJECTED_TOO_OLD = "rejected_too_old";
	static final String REJECTED_TOO_NEW = "rejected_too_new";
	static final String REJECTED_EXPIRED = "rejected_expired";

	private final CloudWatchLogsAsyncClient client;
	private final CloudWatchConfig config;
	private final Scheduler callScheduler;
	private final StatusLogger status;
	private final String source;
	/** Streams known to exist; written from SDK threads. */
	private final Set<String> streams = ConcurrentHashMap.newKeySet();
	/** Whether the group set-up (create, tags, retention) has succeeded; written from SDK threads. */
	private volatile boolean groupReady;

	LogsSender(CloudWatchLogsAsyncClient client, CloudWatchConfig config, Scheduler callScheduler, StatusLogger status,
			String source) {
		this.client = client;
		this.config = config;
		this.callScheduler = callScheduler;
		this.status = status;
		this.source = source;
	}

	@Override
	public Mono<Outcome> send(Request<LogEvent> request) {
		String stream = (String) request.partition();
		// a stream this sink has not used yet is created first (several requests to it may be in flight)
		Mono<Void> ready = config.createLogStream && !streams.contains(stream) ? createStream(stream) : Mono.empty();
		return setUpGroup()
				.then(ready)
				.then(Mono.defer(() -> put(stream, request)))
				.onErrorResume(ResourceNotFoundException.class, missing -> {
					if (!config.createLogStream) {
						return Mono.error(missing);
					}
					return createStream(stream).then(Mono.defer(() -> put(stream, request)));
				});
	}

	private Mono<Outcome> put(String stream, Request<LogEvent> request) {
		List<InputLogEvent> events = new ArrayList<>(request.size());
		for (Entry<LogEvent> e : request.entries()) {
			events.add(InputLogEvent.builder().timestamp(e.value().timestamp()).message(e.value().message()).build());
		}
		return call(() -> client.putLogEvents(b -> b.logGroupName(config.logGroupName).logStreamName(stream)
				.logEvents(events)))
				.map(response -> {
					streams.add(stream);
					return outcome(response, events.size());
				});
	}

	private Outcome outcome(PutLogEventsResponse response, int n) {
		RejectedLogEventsInfo info = response.rejectedLogEventsInfo();
		if (info == null) {
			return Outcome.delivered();
		}
		// the end indices are exclusive, the start index inclusive; old and expired events are a prefix
		int expired = clamp(info.expiredLogEventEndIndex(), n);
		int tooOld = Math.max(0, clamp(info.tooOldLogEventEndIndex(), n) - expired);
		Integer start = info.tooNewLogEventStartIndex();
		int tooNew = start == null ? 0 : Math.max(0, n - Math.max(start, expired + tooOld));
		Outcome o = Outcome.delivered().and(REJECTED_EXPIRED, expired).and(REJECTED_TOO_OLD, tooOld)
				.and(REJECTED_TOO_NEW, tooNew);
		if (o.rejectedCount() > 0) {
			status.once("rejected:" + source, source, "CloudWatch Logs rejected " + o.rejectedCount()
					+ " event(s) for their time " + o.rejected() + "; they are counted as dropped", null);
		}
		return o;
	}

	private static int clamp(Integer v, int n) {
		return v == null ? 0 : Math.max(0, Math.min(v, n));
	}

	private Mono<Void> setUpGroup() {
		if (groupReady || (!config.createLogGroup && config.retentionDays == null)) {
			return Mono.empty();
		}
		Mono<Void> create = config.createLogGroup ? createGroup() : Mono.empty();
		Mono<Void> retention = config.retentionDays == null ? Mono.empty()
				: call(() -> client.putRetentionPolicy(b -> b.logGroupName(config.logGroupName)
						.retentionInDays(config.retentionDays))).then();
		return create.then(retention).doOnSuccess(v -> groupReady = true);
	}

	private Mono<Void> createGroup() {
		Map<String, String> tags = config.tags;
		return call(() -> client.createLogGroup(b -> {
			b.logGroupName(config.logGroupName);
			if (!tags.isEmpty()) {
				b.tags(tags);
			}
		})).then().onErrorResume(ResourceAlreadyExistsException.class, e -> Mono.empty());
	}

	private Mono<Void> createStream(String stream) {
		Mono<Void> create = call(() -> client.createLogStream(b -> b.logGroupName(config.logGroupName)
				.logStreamName(stream))).then().onErrorResume(ResourceAlreadyExistsException.class, e -> Mono.empty())
				.doOnSuccess(v -> streams.add(stream));
		// the group itself is missing (deleted, or never created because the set-up ran before it was allowed)
		return create.onErrorResume(ResourceNotFoundException.class, e -> config.createLogGroup
				? createGroup().then(Mono.defer(() -> create)) : Mono.error(e));
	}

	private <T> Mono<T> call(Supplier<CompletableFuture<T>> call) {
		return Mono.fromFuture(call).subscribeOn(callScheduler)
				.onErrorMap(java.util.concurrent.CompletionException.class,
						e -> e.getCause() != null ? e.getCause() : e);
	}
}
