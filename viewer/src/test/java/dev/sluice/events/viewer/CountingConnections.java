package dev.sluice.events.viewer;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A connection factory that passes everything to a real one and writes down every statement
 * executed through it: its SQL and how many rows the caller mapped out of its results. This is
 * how a test sees what the viewer's queries actually read from the driver, not what they say
 * they read. Thread-safe (statements are recorded under a lock; counts are atomic).
 */
final class CountingConnections {

	/** One executed statement: its SQL, its bound values by index, and the rows read from its results so far. */
	static final class Executed {
		final String sql;
		final Map<Integer, Object> bindings = new ConcurrentHashMap<>();
		final AtomicLong rows = new AtomicLong();

		Executed(String sql) {
			this.sql = sql;
		}

		@Override
		public String toString() {
			return rows.get() + " rows: " + sql;
		}
	}

	private final ConnectionFactory delegate;
	private final List<Executed> executed = new ArrayList<>();

	CountingConnections(ConnectionFactory delegate) {
		this.delegate = delegate;
	}

	/** The factory to give the store. */
	ConnectionFactory factory() {
		return proxy(ConnectionFactory.class, delegate, (target, method, args) -> {
			if (method.getName().equals("create")) {
				return Mono.from(delegate.create()).map(c -> proxy(Connection.class, c, this::connection));
			}
			return invoke(target, method, args);
		});
	}

	/** The real factory, for statements a test runs itself (not recorded). */
	ConnectionFactory unrecorded() {
		return delegate;
	}

	/** Forgets what was recorded so far. */
	synchronized void reset() {
		executed.clear();
	}

	/** The statements executed since the last {@link #reset()}, in order. */
	synchronized List<Executed> executed() {
		return List.copyOf(executed);
	}

	private Object connection(Object target, Method method, Object[] args) throws Throwable {
		if (method.getName().equals("createStatement")) {
			Executed e = new Executed((String) args[0]);
			Statement real = ((Connection) target).createStatement(e.sql);
			Statement[] self = new Statement[1];
			self[0] = proxy(Statement.class, real, (t, m, a) -> statement(self[0], e, t, m, a));
			return self[0];
		}
		return invoke(target, method, args);
	}

	private Object statement(Statement self, Executed e, Object target, Method method, Object[] args) throws Throwable {
		if (method.getName().equals("execute")) {
			synchronized (this) {
				executed.add(e);
			}
			return Flux.from(((Statement) target).execute()).map(r -> proxy(Result.class, r, (t, m, a) -> result(e, t, m, a)));
		}
		if (method.getName().equals("bind") && args[0] instanceof Integer) {
			e.bindings.put((Integer) args[0], args[1]);
		}
		Object out = invoke(target, method, args);
		// bind, add, returnGeneratedValues, fetchSize return the statement itself: keep it counting
		return out == target ? self : out;
	}

	@SuppressWarnings({"unchecked", "rawtypes"})
	private static Object result(Executed e, Object target, Method method, Object[] args) throws Throwable {
		if (method.getName().equals("map") && args.length == 1 && args[0] instanceof BiFunction) {
			BiFunction f = (BiFunction) args[0];
			return ((Result) target).map((row, meta) -> {
				e.rows.incrementAndGet();
				return f.apply(row, meta);
			});
		}
		if (method.getName().equals("map") && args.length == 1 && args[0] instanceof Function) {
			Function f = (Function) args[0];
			return ((Result) target).map(readable -> {
				e.rows.incrementAndGet();
				return f.apply(readable);
			});
		}
		return invoke(target, method, args);
	}

	private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException e) {
			throw e.getCause();
		}
	}

	private interface Handler {
		Object handle(Object target, Method method, Object[] args) throws Throwable;
	}

	private static <T> T proxy(Class<T> type, Object target, Handler handler) {
		InvocationHandler h = (p, method, args) -> {
			if (method.getDeclaringClass() == Object.class) {
				return method.getName().equals("equals") ? p == args[0] : invoke(target, method, args);
			}
			return handler.handle(target, method, args == null ? new Object[0] : args);
		};
		return type.cast(Proxy.newProxyInstance(CountingConnections.class.getClassLoader(), new Class<?>[] {type}, h));
	}
}
