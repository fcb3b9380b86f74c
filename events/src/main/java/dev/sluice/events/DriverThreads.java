package dev.sluice.events;

import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads an H2 store's driver work runs on. Reactor's own schedulers interrupt a task
 * cancelled from another thread (a client going away, a timeout), and an interrupt during H2's file
 * I/O closes its FileChannel for good: these threads are the store's own, and nothing interrupts them.
 */
final class DriverThreads {

	private DriverThreads() {
	}

	/** {@code count} daemon threads, all started now and kept until the executor is shut down. */
	static ThreadPoolExecutor start(int count) {
		// LinkedTransferQueue: handing a task over is lock-free (LinkedBlockingQueue takes a lock, which
		// parks under contention: a blocking call on the Reactor thread that schedules the task)
		ThreadPoolExecutor pool = new ThreadPoolExecutor(count, count, 30, TimeUnit.SECONDS,
				new LinkedTransferQueue<>(), DriverThreads::thread);
		// started now: the executor never takes its main lock to add a worker later, on the Reactor
		// thread that schedules a query
		pool.prestartAllCoreThreads();
		return pool;
	}

	private static Thread thread(Runnable task) {
		Thread t = new Thread(task, "sluice-events-db");
		t.setDaemon(true);
		return t;
	}
}
