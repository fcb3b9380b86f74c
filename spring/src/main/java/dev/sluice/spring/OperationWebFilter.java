package dev.sluice.spring;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.sluice.context.Attributes;
import dev.sluice.context.LogContext;
import dev.sluice.context.StandardKeys;
import reactor.core.publisher.Mono;

/**
 * Chooses a request's OperationId before Spring Security's filter chain runs, so that Security's
 * own records (and every filter's after this one) carry the OperationId, the EntryPoint and the
 * trace ids; {@link UnitOfWorkWebFilter}, after Security, takes the same OperationId from the
 * exchange and adds the user. The id: the caller's {@code X-Request-Id}, else a W3C
 * {@code traceparent}'s trace id, else the server span's trace id, else a new random id; echoed in
 * the response's {@code X-Request-Id}. Non-blocking; thread-safe.
 */
public final class OperationWebFilter implements WebFilter, Ordered {

	/** The default order: before Spring Security's {@code WebFilterChainProxy} (-100). */
	public static final int DEFAULT_ORDER = -110;

	private final int order;

	/** @param order this filter's order among the WebFilters */
	public OperationWebFilter(int order) {
		this.order = order;
	}

	@Override
	public int getOrder() {
		return order;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return Mono.deferContextual(ctx -> {
			Attributes traced = TraceIds.add(Attributes.empty(), ctx);
			String operationId = OperationIds.of(exchange, traced);
			return chain.filter(exchange).contextWrite(LogContext.with(traced.with(StandardKeys.OPERATION_ID, operationId)
					.with(StandardKeys.ENTRY_POINT, OperationIds.entryPoint(exchange.getRequest()))));
		});
	}
}
