package dev.sluice.pipeline;

/**
 * The name and id of the thread that logged, as one immutable value cached per thread, so that a
 * record holds one reference instead of a String and a long (the record stays at 64 bytes).
 *
 * <p>{@link #current()} returns the cached tag while the thread keeps its name, and a new one
 * after {@code Thread.setName} (compared by reference: {@code getName()} returns the field, so a
 * rename is seen at the next call and a record always carries the name of the time of the call).
 */
final class ThreadTag {

	private static final ThreadLocal<ThreadTag> CURRENT = new ThreadLocal<>();

	final String name;
	final long id;

	ThreadTag(String name, long id) {
		this.name = name;
		this.id = id;
	}

	/** The calling thread's tag: one thread-local read, no allocation unless the thread was renamed. */
	static ThreadTag current() {
		Thread t = Thread.currentThread();
		String name = t.getName();
		ThreadTag tag = CURRENT.get();
		if (tag == null || tag.name != name) {
			tag = new ThreadTag(name, t.getId());
			CURRENT.set(tag);
		}
		return tag;
	}
}
