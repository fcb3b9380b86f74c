package dev.sluice.events;

import java.util.Objects;
import java.util.function.Function;

import dev.sluice.context.Attributes;
import dev.sluice.context.LogContext;
import dev.sluice.pipeline.HandlerSpec;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LoggerSpec;
import dev.sluice.pipeline.Sluice;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The event log's entry points: event loggers, units of work on Reactor Context, the
 * {@code contextWrite} helper, imperative scopes, and the routing an events handler needs.
 *
 * <pre>{@code
 * EventLogger events = Events.logger(sluice, "my.module");
 * Mono<User> created = Events.unitOfWork("POST /users", "alice",
 *         createUser(name).flatMap(u -> events.reactive()
 *                 .info(EventContext.of("AffectedUser", name).category("auth"), "Created new user {}", name)
 *                 .thenReturn(u)));
 * }</pre>
 *
 * <p>All methods are non-blocking and thread-safe.
 */
public final class Events {

	/** The logger event records are logged on; route it to the events handler, at INFO, without propagation. */
	public static final String LOGGER_NAME = "sluice.events";

	private Events() {
	}

	/** The event logger over {@code sluice}'s logger {@code name}; durations use the pipeline's clock. */
	public static EventLogger logger(Sluice sluice, String name) {
		return new EventLogger(sluice.logger(name), sluice.logger(LOGGER_NAME), sluice.environment().clock(), null);
	}

	/** The event logger named after {@code type}. */
	public static EventLogger logger(Sluice sluice, Class<?> type) {
		return logger(sluice, type.getName());
	}

	// ---- units of work -----------------------------------------------------------------------

	/**
	 * Runs {@code work} as one unit of work: each subscription gets EntryPoint, User (absent when
	 * null: anonymous or system), a new OperationId and ActivityId, and an empty context stack, in
	 * its Reactor Context. Everything logged inside the chain, on any thread, carries them; nothing
	 * outside it does. The stack ends with the chain.
	 */
	public static <T> Mono<T> unitOfWork(String entryPoint, String user, Mono<T> work) {
		Objects.requireNonNull(work, "work");
		return work.contextWrite(ctx -> startUnit(ctx, entryPoint, user));
	}

	/** {@link #unitOfWork(String, String, Mono)} for a Flux. */
	public static <T> Flux<T> unitOfWork(String entryPoint, String user, Flux<T> work) {
		Objects.requireNonNull(work, "work");
		return work.contextWrite(ctx -> startUnit(ctx, entryPoint, user));
	}

	static Context startUnit(Context ctx, String entryPoint, String user) {
		Attributes a = LogContext.attributes(ctx)
				.with(EventKeys.ENTRY_POINT, entryPoint)
				.with(EventKeys.USER, user)
				.with(EventKeys.OPERATION_ID, newId())
				.with(EventKeys.ACTIVITY_ID, newId());
		return ctx.put(LogContext.KEY, a).put(UnitOfWork.KEY, new UnitOfWork(true));
	}

	/**
	 * For {@code contextWrite}: adds {@code context} to the attributes of this chain (below the
	 * operator), the idiomatic Reactor form of {@code add}: it ends where the chain ends, so it
	 * needs no {@code remove}.
	 */
	public static Function<Context, Context> with(EventContext context) {
		Objects.requireNonNull(context, "context");
		return LogContext.with(context.attributes());
	}

	/**
	 * {@code contextWrite(Events.with("ItemId", id))}.
	 *
	 * @throws IllegalArgumentException if the value does not fit the attribute
	 */
	public static Function<Context, Context> with(String name, Object value) {
		return with(EventContext.of(name, value));
	}

	/**
	 * Opens a unit of work on this thread for imperative code: EntryPoint, User, a new
	 * OperationId and ActivityId, an empty stack. Close it on the same thread (try-with-resources).
	 */
	public static EventScope scope(String entryPoint, String user) {
		return new EventScope(entryPoint, user);
	}

	/** The unit of work in {@code context}, or null. */
	static UnitOfWork unit(ContextView context) {
		Object u = context.getOrDefault(UnitOfWork.KEY, null);
		return u instanceof UnitOfWork ? (UnitOfWork) u : null;
	}

	/** A new operation or activity id: a UUIDv7, so ids sort by creation time. */
	static String newId() {
		return UuidV7.random(System.currentTimeMillis()).toString();
	}

	/**
	 * A string literal for a resume expression: {@code "MyCustomId === " + Events.quote(id)};
	 * the text's {@code expressions.quote}.
	 */
	public static String quote(String value) {
		StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '"' || c == '\\') {
				sb.append('\\');
			}
			sb.append(c);
		}
		return sb.append('"').toString();
	}

	// ---- routing -------------------------------------------------------------------------------

	/** The logger spec for {@link #LOGGER_NAME}: INFO, to {@code handlers}, not propagated. */
	public static LoggerSpec loggerSpec(String... handlers) {
		return LoggerSpec.of(Level.INFO, handlers).withPropagate(false);
	}

	/**
	 * A handler that stores events in {@code store} (for plans built in code; a dictConfig file
	 * uses handler class {@code sluice.events}). The sink takes ownership of the store and closes
	 * it when it is closed.
	 */
	public static HandlerSpec handler(String name, EventStore store, Retention retention, Sluice sluice) {
		Objects.requireNonNull(store, "store");
		Objects.requireNonNull(retention, "retention");
		return HandlerSpec.of(name, () -> new EventSink(store, retention, sluice.environment())).withIdentity(store);
	}
}
