package dev.sluice.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.sluice.benchmarks.stacks.Library;
import dev.sluice.benchmarks.stacks.Profile;
import dev.sluice.benchmarks.stacks.Target;
import dev.sluice.benchmarks.stacks.Workload;

/**
 * Measure 2 with several callers: {@code records} lines written by 1, 2 and 4 plain threads into a
 * file, lossless (every library set up not to drop; each run is checked to have written every line),
 * timed from the first call until the stack is stopped and the file complete. Delivered records/s is
 * {@code records / time}. One library per JVM (Log4j2's all-async context is JVM-wide):
 * {@code java -cp ... dev.sluice.benchmarks.EndToEndThreads SLUICE [records] [runs]}; the first two runs
 * of each thread count warm up, the median of the rest is printed.
 */
public final class EndToEndThreads {

	private EndToEndThreads() {
	}

	public static void main(String[] args) throws Exception {
		Library library = Library.valueOf(args[0]);
		int records = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
		int runs = args.length > 2 ? Integer.parseInt(args[2]) : 7;
		for (int threads : new int[] {1, 2, 4}) {
			List<Double> rates = new ArrayList<>();
			for (int run = 0; run < runs; run++) {
				double seconds = once(library, records, threads);
				if (run >= 2) {
					rates.add(records / seconds);
				}
			}
			rates.sort(null);
			System.out.printf(Locale.ROOT, "%s threads=%d records=%d delivered/s median %.0f (min %.0f, max %.0f)%n",
					library, threads, records, rates.get(rates.size() / 2), rates.get(0), rates.get(rates.size() - 1));
		}
	}

	private static double once(Library library, int records, int threads) throws InterruptedException {
		Trial trial = Trial.open("end_to_end_threads", library, Target.FILE, Profile.LOSSLESS,
				s -> s.withRecords(records));
		var stack = trial.stack();
		int each = records / threads;
		List<Thread> callers = new ArrayList<>();
		long start = System.nanoTime();
		for (int t = 0; t < threads; t++) {
			int n = t == threads - 1 ? records - each * (threads - 1) : each;
			Thread caller = new Thread(() -> {
				for (int i = 0; i < n; i++) {
					stack.info(Workload.TEMPLATE, Workload.ARG1, Workload.ARG2);
				}
			}, "caller-" + t);
			callers.add(caller);
			caller.start();
		}
		for (Thread caller : callers) {
			caller.join();
		}
		stack.stop();
		double seconds = (System.nanoTime() - start) / 1e9;
		trial.calls.add(records);
		// stop() again is a no-op; finish counts the lines and fails a short file
		trial.finish(Map.of("records", records, "threads", threads), Map.of(), true);
		return seconds;
	}
}
