package dev.sluice.sinks.smtp;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.MessagingException;

import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.sink.Batch;
import dev.sluice.pipeline.sink.Layout;
import dev.sluice.pipeline.sink.Sink;
import dev.sluice.pipeline.sink.SinkSpec;
import dev.sluice.sinks.delivery.BatchLimits;
import dev.sluice.sinks.delivery.DeliveryEngine;
import dev.sluice.sinks.delivery.DeliveryException;
import dev.sluice.sinks.delivery.DeliveryOptions;
import dev.sluice.sinks.delivery.Entry;
import dev.sluice.sinks.delivery.Outcome;
import dev.sluice.sinks.delivery.Request;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Mails each record, one message a record, as CPython's {@code logging.handlers.SMTPHandler}
 * does ({@link SmtpMailer}), through the delivery engine: a 4xx reply or an unreachable server is
 * retried with backoff (and a server that stays unreachable opens the breaker and sends records to
 * the {@code fallback} handler, if any), a 5xx reply drops the record with its code as the reason
 * ({@code smtp_550}), a refused login is reported once with what to check. A record is one request,
 * so a retry never mails a record twice that the server had taken.
 *
 * <p>Threading: {@code write} runs on the sink's runner thread and only formats; each message is
 * sent on Reactor's bounded-elastic scheduler (SMTP through Jakarta Mail blocks), one at a time,
 * and every wait (backoff, breaker) is a timer on the engine's scheduler.
 */
final class SmtpSink implements Sink {

	private final Layout layout;
	private final SmtpSettings settings;
	private final DeliveryEngine<String> engine;

	SmtpSink(SinkSpec spec, SmtpSettings settings, DeliveryOptions delivery, SmtpMailer mailer, Scheduler scheduler) {
		this.layout = spec.layout();
		this.settings = settings;
		Clock clock = spec.environment().clock();
		DeliveryEngine.Builder<String> builder = DeliveryEngine.<String>builder(spec.handlerName(),
				request -> send(request, mailer, clock), spec.environment())
				.limits(BatchLimits.count(1))
				.concurrency(1)
				.scheduler(scheduler);
		this.engine = delivery.applyTo(builder, spec).build();
	}

	private Mono<Outcome> send(Request<String> request, SmtpMailer mailer, Clock clock) {
		String text = request.values().get(0);
		return Mono.fromCallable(() -> {
			try {
				mailer.send(text, SmtpMailer.now(clock));
			}
			catch (MessagingException e) {
				if (!SmtpFailures.sentToSome(e)) {
					throw new DeliveryException(SmtpFailures.of(e), "mail to " + settings.target() + " failed: "
							+ SmtpFailures.serverSaid(e), e);
				}
			}
			return Outcome.delivered();
		}).subscribeOn(Schedulers.boundedElastic());
	}

	@Override
	public Mono<Void> write(Batch batch) {
		List<LogRecord> records = batch.records();
		List<Entry<String>> entries = new ArrayList<>(records.size());
		StringBuilder sb = new StringBuilder(256);
		for (LogRecord r : records) {
			sb.setLength(0);
			layout.format(r, sb);
			entries.add(Entry.of(r, sb.toString(), 0));
		}
		return engine.deliver(batch, entries);
	}

	@Override
	public String toString() {
		return "SmtpSink{" + settings + ", " + engine + '}';
	}
}
