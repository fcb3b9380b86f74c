package dev.sluice.spring;

import java.util.concurrent.ThreadLocalRandom;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

import dev.sluice.context.Attributes;

/**
 * The OperationId of a request: the caller's {@code X-Request-Id} when it is a sane token, else
 * the trace id of a valid W3C {@code traceparent}, else (in the filter) the server span's trace
 * id or a new random id. Stateless, non-blocking:
 * new ids come from {@link ThreadLocalRandom} (an OperationId correlates, it guards nothing;
 * {@code UUID.randomUUID()} may read {@code /dev/urandom} on a Netty thread).
 */
final class OperationIds {

	static final String REQUEST_ID = "X-Request-Id";
	static final String TRACEPARENT = "traceparent";
	private static final int MAX_REQUEST_ID = 128;
	private static final char[] HEX = "0123456789abcdef".toCharArray();

	/** The exchange attribute holding the request's OperationId once it is chosen. */
	static final String EXCHANGE_ATTRIBUTE = OperationIds.class.getName() + ".chosen";

	private OperationIds() {
	}

	/**
	 * The request's OperationId, chosen once per exchange by the first filter that asks
	 * ({@link OperationWebFilter}, before Spring Security) and echoed in the response's
	 * {@code X-Request-Id}: the caller's id ({@link #fromHeaders}), else the server span's trace id
	 * in {@code traced}, else a new id.
	 */
	static String of(ServerWebExchange exchange, Attributes traced) {
		Object chosen = exchange.getAttributes().get(EXCHANGE_ATTRIBUTE);
		if (chosen instanceof String) {
			return (String) chosen;
		}
		String fromHeaders = fromHeaders(exchange.getRequest().getHeaders());
		String id = fromHeaders != null ? fromHeaders
				: traced.contains(TraceIds.TRACE_ID) ? (String) traced.get(TraceIds.TRACE_ID) : newId();
		exchange.getAttributes().put(EXCHANGE_ATTRIBUTE, id);
		exchange.getResponse().getHeaders().set(REQUEST_ID, id);
		return id;
	}

	/** The request's EntryPoint: {@code "GET /items/42"} (method and path within the application). */
	static String entryPoint(ServerHttpRequest request) {
		return request.getMethod().name() + " " + request.getPath().pathWithinApplication().value();
	}

	/** The caller's id: a sane {@code X-Request-Id}, else a valid traceparent's trace id, else null. */
	static String fromHeaders(HttpHeaders headers) {
		String id = requestId(headers.getFirst(REQUEST_ID));
		return id != null ? id : traceId(headers.getFirst(TRACEPARENT));
	}

	/**
	 * The header's value when it is 1..128 characters of letters, digits and {@code -_.:/+=@};
	 * anything else (control characters, spaces, quotes) is ignored so that a caller cannot inject
	 * text into log lines.
	 */
	static String requestId(String value) {
		if (value == null) {
			return null;
		}
		String v = value.trim();
		if (v.isEmpty() || v.length() > MAX_REQUEST_ID) {
			return null;
		}
		for (int i = 0; i < v.length(); i++) {
			char c = v.charAt(i);
			boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
					|| "-_.:/+=@".indexOf(c) >= 0;
			if (!ok) {
				return null;
			}
		}
		return v;
	}

	/**
	 * The trace id of a W3C traceparent ({@code version-traceid-parentid-flags}, lower-case hex),
	 * or null when the header is invalid: version {@code ff}, an all-zero trace or parent id, or a
	 * wrong shape (version 00 must have exactly four fields; later versions may add more).
	 */
	static String traceId(String value) {
		if (value == null) {
			return null;
		}
		String v = value.trim();
		if (v.length() < 55 || !hex(v, 0, 2) || v.charAt(2) != '-' || !hex(v, 3, 35) || v.charAt(35) != '-'
				|| !hex(v, 36, 52) || v.charAt(52) != '-' || !hex(v, 53, 55)) {
			return null;
		}
		String version = v.substring(0, 2);
		if ("ff".equals(version) || ("00".equals(version) && v.length() != 55)
				|| (v.length() > 55 && v.charAt(55) != '-')) {
			return null;
		}
		String trace = v.substring(3, 35);
		if (zeros(trace) || zeros(v.substring(36, 52))) {
			return null;
		}
		return trace;
	}

	/** 32 lower-case hex characters (128 random bits), the shape of a W3C trace id. */
	static String newId() {
		ThreadLocalRandom r = ThreadLocalRandom.current();
		char[] out = new char[32];
		long hi = r.nextLong();
		long lo = r.nextLong();
		for (int i = 0; i < 16; i++) {
			out[15 - i] = HEX[(int) (hi >>> (4 * i)) & 0xf];
			out[31 - i] = HEX[(int) (lo >>> (4 * i)) & 0xf];
		}
		return new String(out);
	}

	private static boolean hex(String s, int from, int to) {
		for (int i = from; i < to; i++) {
			char c = s.charAt(i);
			if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
				return false;
			}
		}
		return true;
	}

	private static boolean zeros(String s) {
		for (int i = 0; i < s.length(); i++) {
			if (s.charAt(i) != '0') {
				return false;
			}
		}
		return true;
	}
}
