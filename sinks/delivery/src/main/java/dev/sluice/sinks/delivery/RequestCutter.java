package dev.sluice.sinks.delivery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Cuts the entries of one batch into requests that keep the service's rules: one partition per
 * request (in order of first appearance), entries sorted by the service's order within a
 * partition (stably, so equal keys keep routing order), then closed whenever the next entry
 * would pass the count, the byte limit or the service's own rule. Pure; thread-safe.
 */
final class RequestCutter<E> {

	private final BatchLimits limits;
	private final Function<? super E, ?> partitioner;
	private final Comparator<? super E> order;
	private final RequestRule<E> rule;

	RequestCutter(BatchLimits limits, Function<? super E, ?> partitioner, Comparator<? super E> order,
			RequestRule<E> rule) {
		this.limits = limits;
		this.partitioner = partitioner;
		this.order = order;
		this.rule = rule;
	}

	/**
	 * Cuts {@code entries}; an entry larger than the byte limit on its own is not placed in any
	 * request but added to {@code oversized}.
	 */
	List<Request<E>> cut(List<Entry<E>> entries, List<Entry<E>> oversized) {
		Map<Object, List<Entry<E>>> partitions = new LinkedHashMap<>();
		for (Entry<E> e : entries) {
			if (e.bytes() > limits.maxBytes()) {
				oversized.add(e);
				continue;
			}
			Object key = partitioner == null ? "" : partitioner.apply(e.value());
			partitions.computeIfAbsent(key == null ? "" : key, k -> new ArrayList<>()).add(e);
		}
		List<Request<E>> requests = new ArrayList<>();
		partitions.forEach((key, list) -> {
			if (order != null) {
				list.sort((a, b) -> order.compare(a.value(), b.value()));
			}
			List<Entry<E>> current = new ArrayList<>();
			long bytes = 0;
			for (Entry<E> e : list) {
				if (!current.isEmpty() && (current.size() >= limits.maxCount()
						|| bytes + e.bytes() > limits.maxBytes() || !rule.admits(current, e))) {
					requests.add(new Request<>(key, current, bytes));
					current = new ArrayList<>();
					bytes = 0;
				}
				current.add(e);
				bytes += e.bytes();
			}
			if (!current.isEmpty()) {
				requests.add(new Request<>(key, current, bytes));
			}
		});
		return requests;
	}
}
