package dev.sluice.sinks.bugsnag;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.sluice.context.StandardKeys;
import dev.sluice.pipeline.LogRecord;

/**
 * The breadcrumbs of each unit of work: the last {@code max} lower-level records that carried the
 * same {@link StandardKeys#OPERATION_ID} attribute.
 *
 * <h2>Why keyed by OperationId</h2>
 * A unit of work in a reactive service is a Reactor chain, not a thread: its records are logged
 * from whatever threads run it, interleaved with those of every other chain. Sluice carries the
 * chain's identity in its Reactor Context ({@code contextWrite(StandardKeys.operationId(id))}),
 * and every record logged in the chain carries the context's attributes. So the trail of a unit
 * is found by its OperationId, taken from the record's context attributes, never from a
 * thread-local; records without one (no unit of work) leave no breadcrumbs and get none. Keeping
 * the trails here rather than as a mutable object inside the Context keeps the Context's
 * attributes immutable values that every other sink may print or compare.
 *
 * <h2>Bounds</h2>
 * At most {@code max} crumbs per unit and at most {@code maxUnits} units: the unit least recently
 * logged to is forgotten first (its records were delivered as breadcrumbs that no error needed).
 *
 * <p>Not thread-safe: used by the sink's runner thread only, inside {@code write}.
 */
final class BreadcrumbTrails {

	private final int max;
	private final Map<Object, ArrayDeque<LogRecord>> trails;

	BreadcrumbTrails(int max, int maxUnits) {
		this.max = max;
		this.trails = new LinkedHashMap<>(64, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<Object, ArrayDeque<LogRecord>> eldest) {
				return size() > maxUnits;
			}
		};
	}

	/** The unit of work of {@code record}: its OperationId attribute, or null. */
	static Object unitOf(LogRecord record) {
		return record.attributes().get(StandardKeys.OPERATION_ID);
	}

	/** Leaves {@code record} as a breadcrumb of its unit; returns false when it has none. */
	boolean leave(LogRecord record) {
		Object unit = unitOf(record);
		if (unit == null || max == 0) {
			return false;
		}
		ArrayDeque<LogRecord> trail = trails.computeIfAbsent(unit, k -> new ArrayDeque<>(Math.min(max, 16)));
		if (trail.size() == max) {
			trail.removeFirst();
		}
		trail.addLast(record);
		return true;
	}

	/** The breadcrumbs of {@code record}'s unit, oldest first (a copy; empty when none). */
	List<LogRecord> trailOf(LogRecord record) {
		Object unit = unitOf(record);
		ArrayDeque<LogRecord> trail = unit == null ? null : trails.get(unit);
		return trail == null ? List.of() : new ArrayList<>(trail);
	}

	/** How many units have a trail. */
	int units() {
		return trails.size();
	}
}
