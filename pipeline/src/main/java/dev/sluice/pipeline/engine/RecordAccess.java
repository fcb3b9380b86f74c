package dev.sluice.pipeline.engine;

import dev.sluice.pipeline.LogRecord;

/**
 * What the engine may do to a record that users may not: number it when it is routed. The API's
 * {@link LogRecord} installs the one instance when its class is initialised, so the method stays
 * out of the record's public surface (the JDK's SharedSecrets pattern). Thread-safe.
 */
public abstract class RecordAccess {

	private static volatile RecordAccess installed;

	/** For subclasses in the API package only; see {@link #install}. */
	protected RecordAccess() {
	}

	/**
	 * Installs the record access; called once, by {@link LogRecord}'s class initialisation.
	 *
	 * @throws IllegalStateException when one is installed already
	 */
	public static synchronized void install(RecordAccess access) {
		if (installed != null) {
			throw new IllegalStateException("record access is installed already");
		}
		installed = access;
	}

	static RecordAccess get() {
		RecordAccess a = installed;
		if (a == null) {
			// a record exists before the router sees it, so its class is initialised: this is the first call
			LogRecord.builder(dev.sluice.pipeline.Level.INFO, "", "").build();
			a = installed;
		}
		return a;
	}

	/** Sets the routing sequence number of {@code record}. */
	protected abstract void assignSequence(LogRecord record, long sequence);

	/** The route the router cached for {@code record}'s logger, or null. */
	protected abstract Object cachedRoute(LogRecord record);

	/** Caches {@code route} for the logger of {@code record} (and of every record of that logger). */
	protected abstract void cacheRoute(LogRecord record, Object route);
}
