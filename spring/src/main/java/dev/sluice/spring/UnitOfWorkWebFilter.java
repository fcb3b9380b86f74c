package dev.sluice.spring;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.sluice.context.Attributes;
import dev.sluice.context.LogContext;
import dev.sluice.context.StandardKeys;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.Sluice;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.util.context.ContextView;

/**
 * Makes each WebFlux request a unit of work: its whole chain (filters after this one, the
 * handler, everything they subscribe to) carries, in Reactor Context,
 * <ul>
 * <li>{@code EntryPoint}: {@code "GET /items/42"} (method and path within the application);</li>
 * <li>{@code OperationId}: the caller's {@code X-Request-Id}, else the trace id of a W3C
 * {@code traceparent}, else the server span's trace id, else a new random id; echoed in the
 * response's {@code X-Request-Id} header;</li>
 * <li>{@code User}: the authenticated user (Spring Security's reactive context when present, else
 * the exchange's principal), absent for anonymous requests;</li>
 * <li>{@code traceId}, {@code spanId}: with Micrometer Tracing and a tracer bridge.</li>
 * </ul>
 * Every record logged in the chain (Sluice's loggers, and SLF4J callers through
 * context-propagation) carries them, and no other request's, plus a new {@code ActivityId}. With
 * the {@code events} module on the class path the access record is an event as well.
 *
 * <p>Why not {@code Events.unitOfWork}: it always starts a new OperationId, and writing the
 * caller's id over it one {@code contextWrite} further up was seen by Reactor-Context readers but
 * not by thread-local readers (SLF4J in a controller saw the unit's id), so the filter writes the
 * same keys itself. Event-log code that needs the unit's context stack ({@code add}/{@code remove})
 * can still wrap its own chain in {@code Events.unitOfWork}.
 *
 * <p>With the access log on, one record per request goes to the {@value #ACCESS_LOGGER} logger
 * when the exchange ends: the unit's attributes plus {@code Status} (the HTTP status, or the
 * failure's: 500 unless it is a {@link ResponseStatusException}), {@code Duration}
 * ({@link Duration}) and {@code Outcome} ({@code completed}, {@code failed}, {@code cancelled});
 * INFO below 500, ERROR from 500.
 *
 * <p>Ordered after Spring Security's filter chain (order -100) by default so that the user is
 * known; Security's own records therefore carry no unit-of-work attributes. Non-blocking;
 * thread-safe.
 */
public final class UnitOfWorkWebFilter implements WebFilter, Ordered {

	/** The logger access records go to. */
	public static final String ACCESS_LOGGER = "sluice.access";
	/** The default order: right after Spring Security's {@code WebFilterChainProxy} (-100). */
	public static final int DEFAULT_ORDER = -90;

	static final String STATUS = "Status";
	static final String DURATION = "Duration";
	static final String OUTCOME = "Outcome";

	private final Function<ServerWebExchange, Mono<String>> users;
	private final AccessRecorder access;
	private final boolean accessLog;
	private final int order;

	/**
	 * @param sluice    the pipeline (access records go to its {@value #ACCESS_LOGGER} logger)
	 * @param accessLog whether to write one access record per request
	 * @param order     this filter's order among the WebFilters
	 */
	public UnitOfWorkWebFilter(Sluice sluice, boolean accessLog, int order) {
		this(Users.resolver(), AccessRecorder.of(sluice, sluice.logger(ACCESS_LOGGER)), accessLog, order);
	}

	UnitOfWorkWebFilter(Function<ServerWebExchange, Mono<String>> users, AccessRecorder access, boolean accessLog,
			int order) {
		this.users = Objects.requireNonNull(users, "users");
		this.access = Objects.requireNonNull(access, "access");
		this.accessLog = accessLog;
		this.order = order;
	}

	@Override
	public int getOrder() {
		return order;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		String entryPoint = request.getMethod().name() + " " + request.getPath().pathWithinApplication().value();
		String fromHeaders = OperationIds.fromHeaders(request.getHeaders());
		return users.apply(exchange).map(Optional::of).defaultIfEmpty(Optional.empty())
				.flatMap(user -> Mono.deferContextual(ctx -> {
					Attributes traced = TraceIds.add(Attributes.empty(), ctx);
					String operationId = fromHeaders != null ? fromHeaders
							: traced.contains(TraceIds.TRACE_ID) ? (String) traced.get(TraceIds.TRACE_ID)
									: OperationIds.newId();
					Attributes attrs = LogContext.attributes(ctx).withAll(traced)
							.with(StandardKeys.ENTRY_POINT, entryPoint)
							.with(StandardKeys.OPERATION_ID, operationId)
							.with(StandardKeys.ACTIVITY_ID, OperationIds.newId());
					if (user.isPresent()) {
						attrs = attrs.with(StandardKeys.USER, user.get());
					}
					exchange.getResponse().getHeaders().set(OperationIds.REQUEST_ID, operationId);
					Mono<Void> work = accessLog
							? Mono.deferContextual(unit -> withAccessLog(chain.filter(exchange), exchange, unit, entryPoint))
							: chain.filter(exchange);
					return work.contextWrite(LogContext.with(attrs));
				}));
	}

	private Mono<Void> withAccessLog(Mono<Void> work, ServerWebExchange exchange, ContextView unit, String entryPoint) {
		long start = System.nanoTime();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		return work.doOnError(failure::set).doFinally(signal -> {
			Duration duration = Duration.ofNanos(System.nanoTime() - start);
			Throwable error = failure.get();
			int status = status(exchange, error);
			String outcome = signal == SignalType.CANCEL ? "cancelled" : error != null ? "failed" : "completed";
			access.record(unit, status >= 500 ? Level.ERROR : Level.INFO, status, duration, outcome, "{} {} {} ms",
					entryPoint, status, duration.toMillis());
		});
	}

	private static int status(ServerWebExchange exchange, Throwable failure) {
		if (failure instanceof ResponseStatusException) {
			return ((ResponseStatusException) failure).getStatusCode().value();
		}
		if (failure != null) {
			return 500;
		}
		HttpStatusCode code = exchange.getResponse().getStatusCode();
		return code == null ? 200 : code.value();
	}
}
