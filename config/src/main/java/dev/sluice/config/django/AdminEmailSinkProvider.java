package dev.sluice.config.django;

import java.util.Set;

import dev.sluice.pipeline.sink.Sink;
import dev.sluice.pipeline.sink.SinkProvider;
import dev.sluice.pipeline.sink.SinkSpec;
import dev.sluice.pipeline.sink.options.SinkOptions;
import reactor.core.publisher.Mono;

/**
 * Django's {@code django.utils.log.AdminEmailHandler}, as its {@code DEFAULT_LOGGING}'s
 * {@code mail_admins} handler names it, so that Django's logging defaults load. Django mails each
 * record to {@code settings.ADMINS} and sends nothing when that list is empty, its default; Sluice
 * has no Django settings (no ADMINS to mail), so it sends nothing either: the records count as
 * delivered to the handler the configuration chose, as a {@code logging.NullHandler}'s. To be told of
 * errors, give the logger a Slack, Bugsnag or file handler (docs/python-differences.md).
 *
 * <p>Options, checked and otherwise unused: {@code include_html} (a boolean), {@code email_backend}
 * and {@code reporter_class} (names of Python classes).
 */
public final class AdminEmailSinkProvider implements SinkProvider {

	private static final Sink NO_MAIL = batch -> Mono.empty();

	@Override
	public Set<String> classNames() {
		return Set.of("django.utils.log.AdminEmailHandler");
	}

	@Override
	public Sink create(SinkSpec spec) {
		SinkOptions o = spec.options();
		o.bool("include_html", false);
		o.string("email_backend", null);
		o.string("reporter_class", null);
		o.validate();
		return NO_MAIL;
	}
}
