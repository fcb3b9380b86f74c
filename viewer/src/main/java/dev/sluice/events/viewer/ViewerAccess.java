package dev.sluice.events.viewer;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.cookie.Cookie;
import reactor.netty.http.server.HttpServerRequest;

/**
 * Who may read: on a loopback address anyone on this machine; elsewhere only a request with the
 * bearer token (an {@code Authorization: Bearer} header, or the {@code sluice_token} cookie that
 * opening the page with {@code ?token=} sets, since EventSource cannot send headers). Tokens are
 * compared in constant time, through their SHA-256 digests. The token never appears in
 * {@code toString()}, logs or errors. Immutable, thread-safe.
 */
final class ViewerAccess {

	static final String COOKIE = "sluice_token";

	private final byte[] tokenDigest;

	private ViewerAccess(byte[] tokenDigest) {
		this.tokenDigest = tokenDigest;
	}

	static ViewerAccess open() {
		return new ViewerAccess(null);
	}

	static ViewerAccess token(String token) {
		if (token == null || token.isBlank()) {
			throw new IllegalArgumentException("the token file is empty");
		}
		return new ViewerAccess(digest(token.trim()));
	}

	boolean requiresToken() {
		return tokenDigest != null;
	}

	/** Whether binding to {@code host} is allowed with this access rule. */
	static boolean isLoopback(String host) {
		try {
			return InetAddress.getByName(host).isLoopbackAddress();
		}
		catch (UnknownHostException e) {
			return false;
		}
	}

	boolean allows(HttpServerRequest request) {
		if (tokenDigest == null) {
			return true;
		}
		String auth = request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION);
		if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) && matches(auth.substring(7).trim())) {
			return true;
		}
		Cookie cookie = request.cookies().getOrDefault(COOKIE, java.util.Set.of()).stream().findFirst().orElse(null);
		return cookie != null && matches(cookie.value());
	}

	boolean matches(String candidate) {
		return tokenDigest != null && MessageDigest.isEqual(tokenDigest, digest(candidate));
	}

	private static byte[] digest(String s) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", e);
		}
	}

	@Override
	public String toString() {
		return tokenDigest == null ? "ViewerAccess{loopback}" : "ViewerAccess{bearer token ******}";
	}
}
