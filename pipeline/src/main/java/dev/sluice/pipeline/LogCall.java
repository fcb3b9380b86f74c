package dev.sluice.pipeline;

import java.util.Objects;

import dev.sluice.context.Attributes;
import dev.sluice.context.CurrentAttributes;
import dev.sluice.context.LogContext;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * One fluent log call: {@code log.atInfo().attr("bucket", b).cause(e).log("sync failed")}.
 *
 * <p>The call's own attributes are added on top of the context's (the call's win). The context
 * is the thread's current one unless {@link #context(ContextView)} gives another. When the level
 * is disabled every method is a cheap no-op. Not thread-safe: one call, one thread; do not keep.
 */
public final class LogCall {

	private final Logger logger;
	private final Level level;
	private final boolean enabled;
	private Attributes own = Attributes.empty();
	private Attributes context;
	private Throwable thrown;

	LogCall(Logger logger, Level level) {
		this.logger = logger;
		this.level = Objects.requireNonNull(level, "level");
		this.enabled = logger.isEnabled(level);
	}

	/**
	 * Adds an attribute of this call.
	 *
	 * @param key the attribute's name
	 * @param value its value
	 * @return this call
	 */
	public LogCall attr(String key, Object value) {
		if (enabled) {
			own = own.with(key, value);
		}
		return this;
	}

	/**
	 * Adds attributes of this call.
	 *
	 * @param attributes attributes to add
	 * @return this call
	 */
	public LogCall attrs(Attributes attributes) {
		if (enabled) {
			own = own.withAll(attributes);
		}
		return this;
	}

	/**
	 * The record's throwable.
	 *
	 * @param t the throwable, printed after the message
	 * @return this call
	 */
	public LogCall cause(Throwable t) {
		this.thrown = t;
		return this;
	}

	/**
	 * Takes the context attributes from {@code ctx} instead of the current thread.
	 *
	 * @param ctx the context to take the attributes from (a signal's or a deferContextual's)
	 * @return this call
	 */
	public LogCall context(ContextView ctx) {
		if (enabled) {
			this.context = LogContext.attributes(ctx);
		}
		return this;
	}

	/**
	 * Logs now.
	 *
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 * @param args the arguments of the message's {@code {}}s, in order; a last {@code Throwable} without a
	 *     {@code {}} of its own becomes the record's throwable
	 */
	public void log(String message, Object... args) {
		if (!enabled) {
			logger.refused(level);
			return;
		}
		Attributes base = context != null ? context : CurrentAttributes.get();
		if (thrown != null) {
			logger.emit(level, message, args, thrown, base.withAll(own));
		}
		else {
			logger.emitArgs(level, message, args, base.withAll(own));
		}
	}

	/**
	 * A Mono that logs at subscription with the subscriber's context (plus this call's attributes).
	 *
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 * @param args the arguments of the message's {@code {}}s, in order; a last {@code Throwable} without a
	 *     {@code {}} of its own becomes the record's throwable
	 * @return a Mono that logs at subscription with the subscriber's context (plus this call's attributes)
	 */
	public Mono<Void> mono(String message, Object... args) {
		Attributes ownAttrs = own;
		Throwable t = thrown;
		return Mono.deferContextual(ctx -> {
			if (!logger.isEnabled(level)) {
				logger.refused(level);
			}
			else {
				Attributes all = LogContext.attributes(ctx).withAll(ownAttrs);
				if (t != null) {
					logger.emit(level, message, args, t, all);
				}
				else {
					logger.emitArgs(level, message, args, all);
				}
			}
			return Mono.empty();
		});
	}
}
