package dev.sluice.context;

import java.util.Objects;
import java.util.function.Function;

import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Reads and writes Sluice's log attributes in a Reactor {@link Context}.
 *
 * <p>All attributes of a chain live under one key, {@link #KEY}, as an immutable
 * {@link Attributes} value. Attributes written with {@code contextWrite(LogContext.with(...))}
 * are seen by every record logged inside that chain, on whatever thread it runs, and by no other
 * chain's records. Writes merge with the attributes already present further down the chain.
 *
 * <p>All methods are pure functions of their arguments: thread-safe and non-blocking.
 */
public final class LogContext {

	/** The Reactor Context key under which the attribute map is stored. */
	public static final String KEY = "dev.sluice.attributes";

	private LogContext() {
	}

	/** The attributes in {@code context}; empty when none were written. */
	public static Attributes attributes(ContextView context) {
		Object value = context.getOrDefault(KEY, null);
		return value instanceof Attributes ? (Attributes) value : Attributes.empty();
	}

	/** The attributes of the subscriber's context, read at subscription. */
	public static Mono<Attributes> current() {
		return Mono.deferContextual(ctx -> Mono.just(attributes(ctx)));
	}

	/**
	 * A function for {@code contextWrite} that adds one attribute to the chain's attributes.
	 *
	 * @throws NullPointerException if key is null
	 */
	public static Function<Context, Context> with(String key, Object value) {
		Objects.requireNonNull(key, "attribute name");
		return ctx -> ctx.put(KEY, attributes(ctx).with(key, value));
	}

	/** A function for {@code contextWrite} that adds all of {@code attributes}; theirs win. */
	public static Function<Context, Context> with(Attributes attributes) {
		Objects.requireNonNull(attributes, "attributes");
		return ctx -> ctx.put(KEY, attributes(ctx).withAll(attributes));
	}

	/** {@code context} with one attribute added. */
	public static Context put(Context context, String key, Object value) {
		return context.put(KEY, attributes(context).with(key, value));
	}

	/** {@code context} with its attributes replaced by {@code attributes}. */
	public static Context replace(Context context, Attributes attributes) {
		return context.put(KEY, attributes);
	}
}
