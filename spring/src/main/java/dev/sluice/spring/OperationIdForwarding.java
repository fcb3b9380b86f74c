package dev.sluice.spring;

import java.util.regex.Pattern;

import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

import dev.sluice.context.Attributes;
import dev.sluice.context.LogContext;
import dev.sluice.context.StandardKeys;
import reactor.core.publisher.Mono;

/**
 * Carries the current unit of work to the service a {@code WebClient} calls: the OperationId as
 * {@code X-Request-Id} (which Sluice's {@link UnitOfWorkWebFilter} on the other side takes as its
 * OperationId) and, when the unit of work has W3C trace and span ids, a {@code traceparent}. The
 * unit of work is read from the Reactor Context of the call, so the call must run inside the
 * request's chain (as WebFlux handlers' calls do). Headers the request already has are kept.
 *
 * <p>Registered on every {@code WebClient.Builder} bean by the starter; add it yourself to a
 * builder you make: {@code WebClient.builder().filter(OperationIdForwarding.filter())}.
 * Stateless, thread-safe, non-blocking.
 */
public final class OperationIdForwarding implements ExchangeFilterFunction {

	private static final OperationIdForwarding INSTANCE = new OperationIdForwarding();
	private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
	private static final Pattern SPAN_ID = Pattern.compile("[0-9a-f]{16}");

	private OperationIdForwarding() {
	}

	/** The filter. */
	public static ExchangeFilterFunction filter() {
		return INSTANCE;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		return Mono.deferContextual(ctx -> {
			Attributes unit = LogContext.attributes(ctx);
			Object operation = unit.get(StandardKeys.OPERATION_ID);
			Object trace = unit.get(TraceIds.TRACE_ID);
			Object span = unit.get(TraceIds.SPAN_ID);
			boolean addId = operation != null && request.headers().getFirst(OperationIds.REQUEST_ID) == null;
			boolean addTrace = trace != null && span != null && request.headers().getFirst("traceparent") == null
					&& TRACE_ID.matcher(trace.toString()).matches() && SPAN_ID.matcher(span.toString()).matches();
			if (!addId && !addTrace) {
				return next.exchange(request);
			}
			ClientRequest.Builder b = ClientRequest.from(request);
			if (addId) {
				b.header(OperationIds.REQUEST_ID, operation.toString());
			}
			if (addTrace) {
				b.header("traceparent", "00-" + trace + "-" + span + "-01");
			}
			return next.exchange(b.build());
		});
	}

	@Override
	public String toString() {
		return "OperationIdForwarding";
	}
}
