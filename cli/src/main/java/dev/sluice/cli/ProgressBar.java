package dev.sluice.cli;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on stderr, redrawn every 100 ms by a daemon thread, shown only when
 * stderr is a terminal (so that redirected output stays clean).
 */
final class ProgressBar implements AutoCloseable {

	private final Thread thread;
	private final PrintStream out;
	private volatile boolean done;

	private ProgressBar(String label, long total, LongSupplier progress, PrintStream out) {
		this.out = out;
		this.thread = new Thread(() -> {
			while (!done) {
				draw(label, progress.getAsLong(), total);
				try {
					Thread.sleep(100);
				}
				catch (InterruptedException e) {
					return;
				}
			}
			draw(label, progress.getAsLong(), total);
			out.print('\n');
			out.flush();
		}, "sluice-progress");
		thread.setDaemon(true);
	}

	/** Starts a bar if stderr is a terminal, else returns one that shows nothing. */
	static ProgressBar start(String label, long total, LongSupplier progress) {
		if (System.console() == null) {
			return null;
		}
		ProgressBar bar = new ProgressBar(label, total, progress, System.err);
		bar.thread.start();
		return bar;
	}

	private void draw(String label, long value, long total) {
		int width = 30;
		double fraction = total <= 0 ? 1 : Math.min(1.0, (double) value / total);
		int filled = (int) Math.round(fraction * width);
		out.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(width - filled) + "] "
				+ String.format("%3d%% %,d/%,d", Math.round(fraction * 100), value, total));
		out.flush();
	}

	@Override
	public void close() {
		done = true;
		try {
			thread.join(1000);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
