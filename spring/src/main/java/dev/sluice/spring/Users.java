package dev.sluice.spring;

import java.security.Principal;
import java.util.function.Function;

import org.springframework.util.ClassUtils;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Who made a request: Spring Security's authenticated user (from
 * {@code ReactiveSecurityContextHolder}) when Spring Security is on the class path, else the
 * exchange's principal. Anonymous requests have no user (the seed's "undefined").
 */
final class Users {

	private static final boolean SECURITY = ClassUtils.isPresent(
			"org.springframework.security.core.context.ReactiveSecurityContextHolder", Users.class.getClassLoader());

	private Users() {
	}

	/** The resolver for this class path; its Mono is empty for an anonymous request. */
	static Function<ServerWebExchange, Mono<String>> resolver() {
		return SECURITY ? SecurityUsers::user : Users::principal;
	}

	static Mono<String> principal(ServerWebExchange exchange) {
		return exchange.getPrincipal().map(Principal::getName).filter(n -> !n.isEmpty());
	}
}
