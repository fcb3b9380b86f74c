package dev.sluice.spring;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * The authenticated user from Spring Security's reactive context; loaded only when Security is
 * present. Security is authoritative: an anonymous token means no user (not "anonymousUser").
 */
final class SecurityUsers {

	private SecurityUsers() {
	}

	static Mono<String> user(ServerWebExchange exchange) {
		return ReactiveSecurityContextHolder.getContext()
				.mapNotNull(SecurityContext::getAuthentication)
				.filter(a -> a.isAuthenticated() && !(a instanceof AnonymousAuthenticationToken))
				.map(Authentication::getName)
				.filter(n -> !n.isEmpty());
	}
}
