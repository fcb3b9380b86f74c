package dev.sluice.sinks.delivery;

import java.util.List;

/**
 * A service's own rule for what may share a request, beyond count and bytes (CloudWatch Logs: the
 * events of one request span at most 24 hours). Pure and thread-safe.
 *
 * @param <E> the service's form of a record
 */
@FunctionalInterface
public interface RequestRule<E> {

	/** Every entry may join any request (count and bytes permitting). */
	static <E> RequestRule<E> none() {
		return (request, next) -> true;
	}

	/**
	 * Whether {@code next} may join {@code request}, a non-empty request under construction (in the
	 * engine's order); when not, the request is closed and {@code next} starts a new one.
	 */
	boolean admits(List<Entry<E>> request, Entry<E> next);
}
