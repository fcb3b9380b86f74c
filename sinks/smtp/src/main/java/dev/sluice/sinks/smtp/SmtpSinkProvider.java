package dev.sluice.sinks.smtp;

import dev.sluice.pipeline.sink.SinkSpec;
import dev.sluice.pipeline.sink.options.SinkOptions;
import dev.sluice.sinks.delivery.DeliveryOptions;
import dev.sluice.sinks.delivery.DeliverySinkProvider;
import reactor.core.scheduler.Scheduler;

/**
 * CPython's {@code logging.handlers.SMTPHandler} (also {@code smtp} and {@code sluice.smtp}): one
 * e-mail a record. Options as CPython's ({@link SmtpSettings}) and the delivery options every remote
 * sink has ({@code fallback}, {@code retry_*}, {@code breaker_*}). Making the sink opens no
 * connection; an address that cannot be parsed is a configuration problem at its key (checked as
 * {@code InternetAddress} does, without the strict RFC 822 syntax).
 */
public final class SmtpSinkProvider extends DeliverySinkProvider {

	public SmtpSinkProvider() {
		super("logging.handlers.SMTPHandler", "smtp", "sluice.smtp");
	}

	/** A sink whose waits (retry backoff, breaker) run on {@code scheduler} (virtual time in tests). */
	@Override
	protected SmtpSink create(SinkSpec spec, Scheduler scheduler) {
		SinkOptions o = spec.options();
		SmtpSettings settings = SmtpSettings.read(o);
		DeliveryOptions delivery = DeliveryOptions.read(spec);
		o.validate();
		return new SmtpSink(spec, settings, delivery, new SmtpMailer(settings), scheduler);
	}
}
