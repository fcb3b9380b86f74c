package dev.sluice.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import reactor.core.Disposable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the embedded H2 file database. */
class H2EventStoreTest extends EventStoreContract {

	@TempDir
	Path dir;

	@Override
	EventStore newStore() {
		return EventStore.embedded(dir);
	}

	@Test
	void theEmbeddedDatabaseIsAFileUnderSluiceData() {
		store.save(List.of(event(0, "x").build())).block();
		assertThat(Files.exists(dir.resolve("sluice-data/events.mv.db"))).isTrue();
	}

	@Test
	void eventsOutliveTheStore() {
		store.save(List.of(event(0, "kept").build())).block();
		store.close().block();
		store = EventStore.embedded(dir);
		assertThat(messages(EventQuery.all())).containsExactly("kept");
	}

	@Test
	void closingTheStoreClosesTheDatabaseItsWritesOpened() throws Exception {
		// writes go through H2's JDBC API on connections of their own: a connection left open would keep
		// the database open after the store closed (and its file locked for other processes)
		store.save(List.of(event(0, "a").build())).block();
		store.saveNew(List.of(event(1, "b").build())).block();
		store.close().block();
		String url = "jdbc:h2:file:" + dir.resolve(EventStore.DEFAULT_PATH).toAbsolutePath();
		try (java.sql.Connection c = new org.h2.Driver().connect(url, new java.util.Properties());
				java.sql.Statement s = c.createStatement();
				java.sql.ResultSet r = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
			r.next();
			assertThat(r.getInt(1)).as("sessions of the database opened after the store closed").isEqualTo(1);
		}
		store = EventStore.embedded(dir);
	}

	@Test
	void cancellingDriverWorkFromAnotherThreadNeverInterruptsIt() throws InterruptedException {
		// Reactor's schedulers interrupt a task disposed from another thread; an interrupt during H2's file I/O
		// closes its FileChannel and breaks the store for good (seen when an SSE client of the viewer went away)
		CountDownLatch running = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch done = new CountDownLatch(1);
		AtomicBoolean interrupted = new AtomicBoolean();
		Disposable task = store.connections().driverScheduler().schedule(() -> {
			running.countDown();
			try {
				release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException e) {
				interrupted.set(true);
			}
			interrupted.compareAndSet(false, Thread.currentThread().isInterrupted());
			done.countDown();
		});
		assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
		task.dispose();
		release.countDown();
		assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
		assertThat(interrupted).as("driver thread interrupted by a cancel").isFalse();
	}

	@Test
	void theStoreOutlivesAResetOfReactorsSharedSchedulers() {
		store.save(List.of(event(0, "before").build())).block(java.time.Duration.ofSeconds(30));
		// what Schedulers.setFactory (virtual time) does: the shared schedulers are disposed and made anew;
		// the store's driver threads are its own, so it goes on
		reactor.core.scheduler.Schedulers.shutdownNow();
		store.save(List.of(event(1, "after").build())).block(java.time.Duration.ofSeconds(30));
		assertThat(messages(EventQuery.all())).containsExactly("after", "before");
	}

	@Test
	void aStoreFirstUsedAfterAResetOfReactorsSharedSchedulersMakesItsConnections() {
		// the pool used to keep the Schedulers.single() and parallel() of its construction for making
		// connections and timing that: after a reset, the first connection it had to make failed at once
		store.count().block(java.time.Duration.ofSeconds(30));
		store.close().block(java.time.Duration.ofSeconds(30));
		store = EventStore.embedded(dir);
		reactor.core.scheduler.Schedulers.shutdownNow();
		store.save(List.of(event(0, "after").build())).block(java.time.Duration.ofSeconds(30));
		assertThat(messages(EventQuery.all())).containsExactly("after");
	}

	@Test
	void aStoreThatFailedToOpenOpensAtTheNextOperationOnceItCan() throws java.io.IOException {
		Path blocked = dir.resolve("blocked");
		Files.writeString(blocked, "not a directory");
		EventStore later = EventStore.h2File(blocked.resolve("events"));
		// a file where the store's directory should be: the opening fails
		assertThat(later.count().map(n -> "opened").onErrorReturn("failed")
				.block(java.time.Duration.ofSeconds(30))).isEqualTo("failed");
		Files.delete(blocked);
		later.save(List.of(event(0, "after the path was mended").build())).block(java.time.Duration.ofSeconds(30));
		assertThat(later.count().block(java.time.Duration.ofSeconds(30))).isEqualTo(1L);
		later.close().block(java.time.Duration.ofSeconds(30));
	}

	@Test
	void anR2dbcUrlOpensTheSameKindOfStore() {
		store.close().block();
		store = EventStore.open("r2dbc:h2:mem:///events-url-test");
		store.save(List.of(event(0, "in memory").build())).block();
		assertThat(messages(EventQuery.all())).containsExactly("in memory");
	}
}
