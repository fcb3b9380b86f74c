package dev.sluice.sinks.delivery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.sluice.pipeline.LogRecord;

/**
 * One call to a remote service: the entries of one partition (a CloudWatch stream, a Slack
 * channel), cut by the engine to fit the service's limits, in the order the engine's comparator
 * gave them. Immutable.
 *
 * @param <E> the service's form of a record
 */
public final class Request<E> {

	private final Object partition;
	private final List<Entry<E>> entries;
	private final long bytes;

	Request(Object partition, List<Entry<E>> entries, long bytes) {
		this.partition = partition;
		this.entries = Collections.unmodifiableList(entries);
		this.bytes = bytes;
	}

	/** The partition key every entry of this request shares ({@code ""} when the sink has none). */
	public Object partition() {
		return partition;
	}

	public List<Entry<E>> entries() {
		return entries;
	}

	/** The service's forms of the entries, in request order (a new list). */
	public List<E> values() {
		List<E> out = new ArrayList<>(entries.size());
		for (Entry<E> e : entries) {
			out.add(e.value());
		}
		return out;
	}

	/** The records of the entries, in request order (a new list), for a fallback. */
	public List<LogRecord> records() {
		List<LogRecord> out = new ArrayList<>(entries.size());
		for (Entry<E> e : entries) {
			out.add(e.record());
		}
		return out;
	}

	public int size() {
		return entries.size();
	}

	/** The sum of the entries' sizes as the service counts them. */
	public long bytes() {
		return bytes;
	}

	@Override
	public String toString() {
		return "Request{" + partition + ", " + entries.size() + " entries, " + bytes + " bytes}";
	}
}
