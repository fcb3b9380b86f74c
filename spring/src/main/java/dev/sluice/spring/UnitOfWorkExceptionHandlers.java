package dev.sluice.spring;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

import dev.sluice.context.Attributes;
import dev.sluice.context.LogContext;
import reactor.core.publisher.Mono;

/**
 * Runs WebFlux's exception handlers inside the request's unit of work. They run outside the
 * WebFilter chain (WebFlux wraps the whole chain in them), so without this Spring's own
 * {@code 500 Server Error for HTTP GET "/..."} line carries none of the request's attributes.
 * {@link UnitOfWorkWebFilter} leaves the unit's attributes in the exchange; each
 * {@link WebExceptionHandler} bean is wrapped (a JDK proxy with the bean's own interfaces, so that
 * Boot's {@code ErrorWebExceptionHandler} type and the bean's order stay) to write them into the
 * Reactor Context of what it returns. Stateless and thread-safe.
 */
final class UnitOfWorkExceptionHandlers implements BeanPostProcessor {

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof WebExceptionHandler) || Proxy.isProxyClass(bean.getClass())) {
			return bean;
		}
		Set<Class<?>> interfaces = new LinkedHashSet<>();
		for (Class<?> c = bean.getClass(); c != null; c = c.getSuperclass()) {
			collect(c, interfaces);
		}
		InvocationHandler h = (proxy, method, args) -> {
			try {
				Object result = method.invoke(bean, args);
				if (method.getName().equals("handle") && args != null && args.length == 2
						&& args[0] instanceof ServerWebExchange exchange && result instanceof Mono<?> mono) {
					Object unit = exchange.getAttributes().get(UnitOfWorkWebFilter.UNIT_ATTRIBUTES);
					if (unit instanceof Attributes attributes && !attributes.isEmpty()) {
						return mono.contextWrite(LogContext.with(attributes));
					}
				}
				return result;
			}
			catch (InvocationTargetException e) {
				throw e.getCause();
			}
		};
		return Proxy.newProxyInstance(bean.getClass().getClassLoader(), interfaces.toArray(Class<?>[]::new), h);
	}

	private static void collect(Class<?> c, Set<Class<?>> into) {
		for (Class<?> i : c.getInterfaces()) {
			if (into.add(i)) {
				collect(i, into);
			}
		}
	}
}
