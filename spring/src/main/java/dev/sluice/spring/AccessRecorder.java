package dev.sluice.spring;

import java.time.Duration;

import org.springframework.util.ClassUtils;

import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.Logger;
import dev.sluice.pipeline.Sluice;
import reactor.util.context.ContextView;

/**
 * Writes a request's access record: with the {@code events} module, through an event logger (a
 * log record and an event, category {@code system}); without it, as a plain record. Either way
 * the record carries the request's attributes plus Status, Duration, Outcome and, when known,
 * RemoteAddress, UserAgent and Bytes (as Netty's access log has them). Thread-safe,
 * non-blocking.
 */
@FunctionalInterface
interface AccessRecorder {

	/** Whether the event log is on the class path. */
	boolean EVENTS = ClassUtils.isPresent("dev.sluice.events.Events", AccessRecorder.class.getClassLoader());

	/**
	 * Writes one access record; {@code request} holds what is known of the exchange beside the
	 * status (RemoteAddress, UserAgent, Bytes: the response's body bytes), each only when known.
	 */
	void record(ContextView context, Level level, int status, Duration duration, String outcome,
			java.util.Map<String, Object> request, String message, Object... args);

	/** The recorder for this class path. */
	static AccessRecorder of(Sluice sluice, Logger access) {
		return EVENTS ? EventsSupport.recorder(sluice, access) : plain(access);
	}

	/** A plain record on {@code access}, no event. */
	static AccessRecorder plain(Logger access) {
		return (ctx, level, status, duration, outcome, request, message, args) -> {
			dev.sluice.pipeline.LogCall call = access.atLevel(level).context(ctx).attr(UnitOfWorkWebFilter.STATUS, status)
					.attr(UnitOfWorkWebFilter.DURATION, duration).attr(UnitOfWorkWebFilter.OUTCOME, outcome);
			request.forEach(call::attr);
			call.log(message, args);
		};
	}
}
