package dev.sluice.events;

import java.util.concurrent.atomic.AtomicReference;

import dev.sluice.context.Attributes;

/**
 * The mutable part of one unit of work: the text's context stack ({@code add}/{@code remove})
 * and the open {@code begin}s of the imperative API. One instance is made per unit of work (per
 * subscription of {@link Events#unitOfWork}, per {@link EventScope}) and placed in the Reactor
 * Context (key {@link #KEY}) or the thread-local {@link #current()}, so it ends with its chain
 * or scope and needs no cleanup.
 *
 * <p>Thread-safe: a chain may hop threads, and {@code flatMap} may run branches of one unit
 * concurrently. Both stacks are immutable linked lists behind an {@link AtomicReference}, so a
 * reader always sees a consistent stack. Concurrent branches that push and pop the same unit's
 * stack interleave, as threads sharing one CycleServer context would; for per-branch attributes
 * use {@link Events#with} on the branch instead.
 */
final class UnitOfWork {

	/** The Reactor Context key of the holder. */
	static final String KEY = "dev.sluice.events.unit";

	private static final ThreadLocal<UnitOfWork> CURRENT = new ThreadLocal<>();

	private final boolean primaryDefault;
	/** The top of the add/remove stack; null when empty. */
	private final AtomicReference<Frame> stack = new AtomicReference<>();
	/** The innermost open imperative begin; null when none. */
	private final AtomicReference<TimingFrame> timings = new AtomicReference<>();

	UnitOfWork(boolean primaryDefault) {
		this.primaryDefault = primaryDefault;
	}

	/** The unit of work of the current thread (an {@link EventScope}, or restored by context-propagation), or null. */
	static UnitOfWork current() {
		return CURRENT.get();
	}

	static void setCurrent(UnitOfWork unit) {
		if (unit == null) {
			CURRENT.remove();
		}
		else {
			CURRENT.set(unit);
		}
	}

	/** Whether events of this unit are Primary unless a call says otherwise: false after a resume. */
	boolean primaryDefault() {
		return primaryDefault;
	}

	/** Pushes the attributes of one {@code add}. */
	void push(EventContext context) {
		stack.updateAndGet(top -> new Frame(top, top == null ? context.attributes()
				: top.merged.withAll(context.attributes())));
	}

	/** Pops the last {@code add}; returns false (and changes nothing) when the stack is empty. */
	boolean pop() {
		Frame before = stack.getAndUpdate(top -> top == null ? null : top.below);
		return before != null;
	}

	/** The attributes of every {@code add} still on the stack, later ones winning. */
	Attributes stackAttributes() {
		Frame top = stack.get();
		return top == null ? Attributes.empty() : top.merged;
	}

	int depth() {
		int n = 0;
		for (Frame f = stack.get(); f != null; f = f.below) {
			n++;
		}
		return n;
	}

	void pushTiming(Timing timing) {
		timings.updateAndGet(top -> new TimingFrame(top, timing));
	}

	/** Removes {@code timing} from the open begins (wherever it is) and returns whether it was there. */
	boolean removeTiming(Timing timing) {
		while (true) {
			TimingFrame top = timings.get();
			TimingFrame without = without(top, timing);
			if (without == top) {
				return false;
			}
			if (timings.compareAndSet(top, without)) {
				return true;
			}
		}
	}

	/** The innermost open begin, or null. */
	Timing innermostTiming() {
		TimingFrame top = timings.get();
		return top == null ? null : top.timing;
	}

	private static TimingFrame without(TimingFrame f, Timing timing) {
		if (f == null) {
			return null;
		}
		if (f.timing == timing) {
			return f.below;
		}
		TimingFrame below = without(f.below, timing);
		return below == f.below ? f : new TimingFrame(below, f.timing);
	}

	private static final class Frame {
		final Frame below;
		final Attributes merged;

		Frame(Frame below, Attributes merged) {
			this.below = below;
			this.merged = merged;
		}
	}

	private static final class TimingFrame {
		final TimingFrame below;
		final Timing timing;

		TimingFrame(TimingFrame below, Timing timing) {
			this.below = below;
			this.timing = timing;
		}
	}
}
