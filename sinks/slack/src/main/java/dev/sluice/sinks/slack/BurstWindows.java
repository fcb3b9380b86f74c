package dev.sluice.sinks.slack;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Groups a burst of one message template over a window that spans several messages, not only
 * within one: while records of a template keep coming faster than the channel's pace, the
 * channel gets that template as one line per window, {@code "... (x600 in 60 s)"}, instead of a
 * line every second.
 *
 * <h2>How</h2>
 * A template's window opens when a message carrying it is posted. When a later message within
 * the window carries the same template again, at least twice (so records of it come faster than
 * the channel's pace: a warning repeated now and then is no burst), the burst is on: the sink
 * then holds its write
 * ({@link #takeHold}) until that window ends, so that meanwhile the pipeline's buffer collects
 * the burst and the next message carries it as one line; that message opens the next window and
 * holds again while the burst lasts (while it carries the template at least twice). A template posted again only after its window (and the one
 * after it) is a new burst and goes out at the channel's pace. A message carrying several
 * bursting templates holds until the earliest of their windows ends. Nothing is held outside a
 * write: every record is in the message of its own batch, so the pipeline's accounting (a record
 * is delivered when its write completes) stays true; the cost is that during a burst other
 * records of the channel wait too, up to one window. A hold ends at once when its batch turns
 * urgent ({@code Batch#urgent()}: a {@code Sluice.flush()} barrier or a shutdown waits for it),
 * and an urgent batch is not held: the last messages go out at the channel's pace.
 *
 * <p>Thread-safety: synchronized; {@link #posted} runs where the HTTP answer arrives (the engine's
 * scheduler or an event loop), {@link #takeHold} on the runner's completion path. A few map
 * operations under the lock, never a wait.
 */
final class BurstWindows {

	private static final class Window {
		final long start;
		final boolean bursting;

		Window(long start, boolean bursting) {
			this.start = start;
			this.bursting = bursting;
		}
	}

	private final long windowMillis;
	private final Map<String, Window> windows = new HashMap<>();
	/** The end of the earliest bursting window of the messages posted since the last take; MIN_VALUE: none. */
	private long holdUntil = Long.MIN_VALUE;

	/** Windows of {@code windowMillis}; 0 turns grouping across messages off. */
	BurstWindows(long windowMillis) {
		this.windowMillis = windowMillis;
	}

	/**
	 * A message was accepted by Slack at {@code now} (millis), carrying {@code counts}: how many
	 * records of each template key.
	 */
	synchronized void posted(Map<String, Integer> counts, long now) {
		if (windowMillis <= 0) {
			return;
		}
		for (Map.Entry<String, Integer> c : counts.entrySet()) {
			String key = c.getKey();
			Window w = windows.get(key);
			long end;
			if (c.getValue() < 2) {
				// one record of it in this message: no faster than the pace; a window opens if none is
				if (w == null || now >= w.start + windowMillis) {
					windows.put(key, new Window(now, false));
				}
				continue;
			}
			if (w != null && now < w.start + windowMillis) {
				// the same template again within its window: a burst; keep the window, hold to its end
				windows.put(key, new Window(w.start, true));
				end = w.start + windowMillis;
			}
			else if (w != null && w.bursting && now < w.start + 2 * windowMillis) {
				// the burst went on into the next window: this message opens it
				windows.put(key, new Window(now, true));
				end = now + windowMillis;
			}
			else {
				windows.put(key, new Window(now, false));
				continue;
			}
			holdUntil = holdUntil == Long.MIN_VALUE ? end : Math.min(holdUntil, end);
		}
		// windows that can no longer matter are forgotten, so that the map stays small
		for (Iterator<Window> it = windows.values().iterator(); it.hasNext();) {
			if (now >= it.next().start + 2 * windowMillis) {
				it.remove();
			}
		}
	}

	/** Millis the write should still hold at {@code now} (0: none); the hold is consumed. */
	synchronized long takeHold(long now) {
		long until = holdUntil;
		holdUntil = Long.MIN_VALUE;
		return until == Long.MIN_VALUE ? 0 : Math.max(0, until - now);
	}

	/** How many templates have an open window (tests). */
	synchronized int open() {
		return windows.size();
	}
}
