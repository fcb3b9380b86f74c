package dev.sluice.spring;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
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
 * context-propagation) carries them, and no other request's, plus a new {@code ActivityId}.
 *
 * <p>With the {@code events} module on the class path the request runs as an
 * {@code Events.unitOfWork}: its own context stack for {@code add}/{@code remove} (reactive, or
 * imperative with context-propagation), and the access record is an event as well. The unit
 * starts a new OperationId; the caller's (or the trace's) is written over it inside the unit, so
 * that every reader below sees the caller's. Without the module the same attributes are written
 * directly.
 *
 * <p>With the access log on, one record per request goes to the {@value #ACCESS_LOGGER} logger
 * when the exchange ends: the unit's attributes plus {@code Status} (the HTTP status, or the
 * failure's: 500 unless it is a {@link ResponseStatusException}), {@code Duration}
 * ({@link Duration}) and {@code Outcome} ({@code completed}, {@code failed}, {@code cancelled});
 * INFO below 500, ERROR from 500.
 *
 * <p>Ordered after Spring Security's filter chain (order -100) by default so that the user is
 * known; {@link OperationWebFilter}, before Security, chooses the OperationId so that Security's
 * own records carry it (and the EntryPoint) too. Non-blocking;
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
		String entryPoint = OperationIds.entryPoint(exchange.getRequest());
		return users.apply(exchange).map(Optional::of).defaultIfEmpty(Optional.empty())
				.flatMap(user -> Mono.deferContextual(ctx -> {
					Attributes traced = TraceIds.add(Attributes.empty(), ctx);
					String operationId = OperationIds.of(exchange, traced); // OperationWebFilter's, before Security
					Mono<Void> work;
					if (accessLog) {
						CountingResponse counting = new CountingResponse(exchange.getResponse());
						ServerWebExchange counted = exchange.mutate().response(counting).build();
						work = Mono.deferContextual(unit -> withAccessLog(inUnit(chain, counted), counted, counting, unit,
								entryPoint));
					}
					else {
						work = inUnit(chain, exchange);
					}
					Mono<Void> own = work.contextWrite(LogContext.with(traced.with(StandardKeys.OPERATION_ID, operationId)));
					return AccessRecorder.EVENTS ? EventsSupport.unitOfWork(entryPoint, user.orElse(null), own)
							: own.contextWrite(LogContext.with(unit(entryPoint, user.orElse(null))));
				}));
	}

	/**
	 * The exchange attribute holding the unit's log attributes, for what runs outside the filter
	 * chain: WebFlux's exception handlers ({@link UnitOfWorkExceptionHandlers}).
	 */
	static final String UNIT_ATTRIBUTES = UnitOfWorkWebFilter.class.getName() + ".attributes";

	/** The rest of the chain, the unit's attributes left in the exchange first. */
	private static Mono<Void> inUnit(WebFilterChain chain, ServerWebExchange exchange) {
		return Mono.deferContextual(ctx -> {
			exchange.getAttributes().put(UNIT_ATTRIBUTES, LogContext.attributes(ctx));
			return chain.filter(exchange);
		});
	}

	/** The unit-of-work attributes when the events module is absent (it writes them itself otherwise). */
	private static Attributes unit(String entryPoint, String user) {
		Attributes a = Attributes.of(StandardKeys.ENTRY_POINT, entryPoint, StandardKeys.ACTIVITY_ID, OperationIds.newId());
		return user == null ? a : a.with(StandardKeys.USER, user);
	}

	private Mono<Void> withAccessLog(Mono<Void> work, ServerWebExchange exchange, CountingResponse counting,
			ContextView unit, String entryPoint) {
		long start = System.nanoTime();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		return work.doOnError(failure::set).doFinally(signal -> {
			Duration duration = Duration.ofNanos(System.nanoTime() - start);
			Throwable error = failure.get();
			int status = status(exchange, error);
			String outcome = signal == SignalType.CANCEL ? "cancelled" : error != null ? "failed" : "completed";
			access.record(unit, status >= 500 ? Level.ERROR : Level.INFO, status, duration, outcome,
					request(exchange, counting), "{} {} {} ms", entryPoint, status, duration.toMillis());
		});
	}

	static final String REMOTE_ADDRESS = "RemoteAddress";
	static final String USER_AGENT = "UserAgent";
	static final String BYTES = "Bytes";

	/** What Netty's access log shows of an exchange beside its status: remote address, user agent, body bytes. */
	private static java.util.Map<String, Object> request(ServerWebExchange exchange, CountingResponse counting) {
		java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
		java.net.InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		if (remote != null) {
			m.put(REMOTE_ADDRESS, remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString());
		}
		String agent = exchange.getRequest().getHeaders().getFirst(HttpHeaders.USER_AGENT);
		if (agent != null) {
			m.put(USER_AGENT, agent);
		}
		m.put(BYTES, counting.bytes());
		return m;
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
