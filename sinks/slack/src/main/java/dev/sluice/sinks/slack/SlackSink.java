package dev.sluice.sinks.slack;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.sink.Batch;
import dev.sluice.pipeline.sink.Layout;
import dev.sluice.pipeline.sink.Sink;
import dev.sluice.pipeline.sink.SinkEnvironment;
import dev.sluice.pipeline.sink.SinkSpec;
import dev.sluice.pipeline.sink.StatusLogger;
import dev.sluice.sinks.delivery.BatchLimits;
import dev.sluice.sinks.delivery.DeliveryEngine;
import dev.sluice.sinks.delivery.DeliveryException;
import dev.sluice.sinks.delivery.DeliveryOptions;
import dev.sluice.sinks.delivery.Entry;
import dev.sluice.sinks.delivery.Failure;
import dev.sluice.sinks.delivery.FeedbackLoop;
import dev.sluice.sinks.delivery.Outcome;
import dev.sluice.sinks.delivery.Request;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Posts records to one Slack channel (or incoming webhook) through the delivery engine.
 *
 * <p>Each batch becomes lines: the layout's output, escaped, cut to one message. Lines of one
 * burst (same logger, level and template) are placed together and counted once toward the
 * 4,000-character message, so that the engine's requests are whole messages; each request is one
 * Slack message, bursts shown as {@code "... (x37 in 60 s)"}. The sender waits for the channel's
 * turn ({@link ChannelPacer}, one message per {@code pace}, later after a {@code Retry-After}),
 * so while it waits the pipeline's buffer collects the next records and the next batch groups
 * them: under load there are fewer, fuller messages, never a burst of calls. While one template
 * keeps coming across messages, {@link BurstWindows} holds the write to the end of its
 * {@code group_window} (60 s), so that the burst becomes one line per window, unless the batch is
 * urgent (a flush or shutdown waits for it). The engine retries
 * transient answers, stops on permanent ones (reported once, or only counted with
 * {@code fail_silent}), and hands what it gives up on to the {@code fallback} handler.
 *
 * <p>Threading: {@code write} runs on the sink's runner thread and only builds lines; all I/O is
 * non-blocking (reactor-netty) and every wait is a timer on the engine's scheduler.
 */
final class SlackSink implements Sink {

	/** Room kept in a message for the mentions and the burst suffix of the first line. */
	private static final int MESSAGE_ROOM = SlackText.MAX_MESSAGE_TEXT - 200;
	private static final int SUFFIX_ROOM = 24;

	private final SlackSettings settings;
	private final Layout layout;
	private final DeliveryEngine<SlackLine> engine;
	private final String channelKey;
	private final BurstWindows bursts;
	private final Scheduler scheduler;
	/**
	 * Calls made whose answer is not yet fully handled. Decremented only after the answer went
	 * through the engine (a retry's timer is scheduled by then), so tests may move virtual time
	 * whenever it is zero.
	 */
	private final AtomicInteger calls = new AtomicInteger();

	SlackSink(SinkSpec spec, SlackSettings settings, DeliveryOptions delivery, SlackApi api, Scheduler scheduler) {
		this.settings = settings;
		this.layout = spec.layout();
		this.bursts = new BurstWindows(settings.groupWindow().toMillis());
		this.scheduler = scheduler;
		// where the messages go: the pace is Slack's per channel, whichever sink posts
		this.channelKey = settings.webhookUrl() != null ? settings.webhookUrl().reveal()
				: settings.endpoint() + " " + settings.channel();

		ChannelPacer pacer = ChannelPacer.shared(scheduler);
		SlackMessages messages = new SlackMessages(settings);
		boolean webhook = settings.webhookUrl() != null;
		String target = settings.target();
		SinkEnvironment env = settings.failSilent() ? silenced(spec.environment()) : spec.environment();
		DeliveryEngine.Builder<SlackLine> builder = DeliveryEngine.<SlackLine>builder(spec.handlerName(),
				request -> send(request, api, messages, pacer, webhook, target), env)
				.limits(BatchLimits.of(10_000, MESSAGE_ROOM))
				.orderBy(Comparator.comparingInt(SlackLine::order))
				.concurrency(1)
				.scheduler(scheduler);
		this.engine = delivery.applyTo(builder, spec).build();
	}

	/**
	 * {@code fail_silent}: Slack's errors are counted in the metrics but not reported on the
	 * status logger, as slacker_log_handler's option ignores them.
	 */
	private static SinkEnvironment silenced(SinkEnvironment env) {
		StatusLogger quiet = StatusLogger.to(new PrintStream(OutputStream.nullOutputStream()));
		return new SinkEnvironment(env.clock(), quiet, env.baseDirectory(), env.meterRegistry(), env::handoff);
	}

	private Mono<Outcome> send(Request<SlackLine> request, SlackApi api, SlackMessages messages, ChannelPacer pacer,
			boolean webhook, String target) {
		return pacer.turn(channelKey, settings.pace())
				.then(Mono.defer(() -> {
					calls.incrementAndGet();
					return api.post(messages.message(request.values()))
							.flatMap(reply -> answer(reply, request.values(), pacer, webhook, target))
							.doFinally(s -> calls.decrementAndGet());
				}));
	}

	private Mono<Outcome> answer(SlackReply reply, List<SlackLine> lines, ChannelPacer pacer, boolean webhook,
			String target) {
		SlackFault fault = SlackFault.of(reply, webhook, target);
		if (fault == null) {
			Map<String, Integer> counts = new HashMap<>();
			for (SlackLine l : lines) {
				counts.merge(l.groupKey(), 1, Integer::sum);
			}
			bursts.posted(counts, scheduler.now(TimeUnit.MILLISECONDS));
			return Mono.just(Outcome.delivered());
		}
		if (!fault.isPermanent() && fault.retryAfter() != null) {
			pacer.holdOff(channelKey, fault.retryAfter());
		}
		Failure failure = fault.isPermanent() ? Failure.permanent(fault.reason(), fault.advice())
				: "ratelimited".equals(fault.reason()) ? Failure.throttled(fault.reason(), fault.retryAfter())
				: Failure.transientFailure(fault.reason(), fault.retryAfter());
		return Mono.error(new DeliveryException(failure, "Slack answered " + fault + " for " + target));
	}

	@Override
	public Mono<Void> write(Batch batch) {
		List<LogRecord> records = batch.records();
		Map<String, Integer> groups = new HashMap<>();
		List<Entry<SlackLine>> entries = new ArrayList<>(records.size());
		StringBuilder sb = new StringBuilder(256);
		int feedback = 0;
		for (LogRecord r : records) {
			if (FeedbackLoop.HTTP_CLIENT.isFeedback(r.loggerName())) {
				feedback++;
				continue;
			}
			String key = SlackLine.groupKey(r);
			Integer order = groups.get(key);
			boolean first = order == null;
			if (first) {
				order = groups.size();
				groups.put(key, order);
			}
			sb.setLength(0);
			layout.format(r, sb);
			String text = SlackText.cut(SlackText.escape(sb), MESSAGE_ROOM - SUFFIX_ROOM);
			// only a burst's first line is shown; the others add its count, not text
			long chars = first ? SlackText.length(text) + 1 + SUFFIX_ROOM : 0;
			entries.add(Entry.of(r, new SlackLine(r, text, key, order), chars));
		}
		batch.dropped(feedback, FeedbackLoop.REASON);
		return entries.isEmpty() ? Mono.empty() : engine.deliver(batch, entries).then(Mono.defer(() -> hold(batch)));
	}

	/**
	 * After a message that carried a burst, the write ends only when the burst's window does
	 * ({@link BurstWindows}): a timer on the scheduler, never a blocked thread. An urgent batch (a
	 * flush barrier or a shutdown waits for it, {@link Batch#urgent()}) is never held, and a hold
	 * ends as soon as its batch turns urgent: the records are posted already, so the write
	 * completes and the next batch goes out at the channel's pace.
	 */
	private Mono<Void> hold(Batch batch) {
		long wait = bursts.takeHold(scheduler.now(TimeUnit.MILLISECONDS));
		if (wait <= 0 || batch.isUrgent()) {
			return Mono.empty();
		}
		return Mono.firstWithSignal(Mono.delay(Duration.ofMillis(wait), scheduler).then(), batch.urgent());
	}

	/** Calls whose answer is not fully handled yet (tests wait for none before moving virtual time). */
	int callsInFlight() {
		return calls.get();
	}

	@Override
	public String toString() {
		return "SlackSink{" + settings.target() + ", " + engine + '}';
	}
}
