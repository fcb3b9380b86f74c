package dev.sluice.events;

import java.time.Duration;
import java.util.Arrays;

import dev.sluice.context.Attributes;
import dev.sluice.context.LogContext;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.Logger;
import reactor.util.context.Context;

/**
 * The one path from an {@link EventLogger} call to the pipeline: a normal record on the caller's
 * logger and, at INFO and above, an event record (marked, with category, priority and primary
 * filled in) on the events logger.
 */
final class EventRecords {

	private EventRecords() {
	}

	/**
	 * Logs the normal record and, at INFO and above, the event record. {@code base} is the unit of
	 * work's context attributes; {@code duration} is null except for begin outcomes.
	 */
	static void emit(Logger logger, Logger eventLogger, Level level, EventContext call, Attributes base, UnitOfWork unit, Duration duration, String message,
			Object[] args, Throwable thrown) {
		Object[] a = args;
		Throwable t = thrown;
		if (t == null && a != null && a.length > 0 && a[a.length - 1] instanceof Throwable) {
			t = (Throwable) a[a.length - 1];
			a = Arrays.copyOf(a, a.length - 1);
		}
		Object[] finalArgs = a == null ? new Object[0] : a;
		Attributes stack = unit == null ? Attributes.empty() : unit.stackAttributes();
		if (logger.isEnabled(level)) {
			Attributes normal = base.withAll(stack).withAll(call.attributes());
			if (duration != null) {
				normal = normal.with(EventKeys.DURATION, duration);
			}
			logger.atLevel(level).context(Context.of(LogContext.KEY, normal)).cause(t).log(message, finalArgs);
		}
		if (EventLevel.of(level) == null || !eventLogger.isEnabled(level)) {
			return;
		}
		Attributes event = AttributeValues.fromContext(base).withAll(stack).withAll(call.attributes());
		if (!event.contains(EventKeys.CATEGORY)) {
			event = event.with(EventKeys.CATEGORY, Category.SYSTEM);
		}
		if (!event.contains(EventKeys.PRIORITY)) {
			event = event.with(EventKeys.PRIORITY, Priority.LOW);
		}
		if (!event.contains(EventKeys.PRIMARY)) {
			event = event.with(EventKeys.PRIMARY, unit == null || unit.primaryDefault());
		}
		if (duration != null) {
			event = event.with(EventKeys.DURATION, duration);
		}
		event = event.with(EventKeys.MODULE, logger.name()).with(EventKeys.MARKER, Boolean.TRUE);
		eventLogger.atLevel(level).context(Context.of(LogContext.KEY, event)).cause(t).log(message, finalArgs);
	}
}
