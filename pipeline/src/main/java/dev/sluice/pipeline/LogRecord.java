package dev.sluice.pipeline;

import java.time.Instant;
import java.util.Objects;

import dev.sluice.context.Attributes;
import dev.sluice.pipeline.engine.RecordAccess;

/**
 * One log event: immutable once it leaves the caller.
 *
 * <p>The caller pays only for this object: the message is kept as its template and arguments and
 * formatted once, lazily, by the first sink that asks for {@link #message()} (off the caller's
 * thread). Arguments must therefore be effectively immutable, as in every asynchronous logger.
 *
 * <p>The {@link #sequence() sequence} number is assigned by the pipeline when the record is
 * routed (one number per accepted record, increasing in routing order); it is {@code -1} on a
 * record that was never routed.
 *
 * <p>Thread-safety: all fields but the sequence and the cached message are final; the sequence is
 * written once by the router before the record is published to sinks through a queue, and the
 * cached message is an idempotent, race-benign cache of an immutable String.
 *
 * <p>Layout: the record is the one object a log call allocates, 64 bytes with compressed oops
 * (issue 12's budget): up to two arguments are held inline, so the 1- and 2-argument calls need no
 * array; the thread is one cached {@link ThreadTag}; the rare parts (a throwable, the caller's
 * location, more than two arguments) live in a {@link Rare} object, null on the common path.
 */
public final class LogRecord {

	private static final Object[] NO_ARGS = new Object[0];

	/** Marks a missing inline argument (null is a valid argument). */
	static final Object ABSENT = new Object();

	/**
	 * The attribute that carries a record's unique id, when it has one (records shipped from
	 * Kafka: the Kafka sink's {@code id}); sinks that de-duplicate compare it. Records without it
	 * are never de-duplicated.
	 */
	public static final String RECORD_ID = "sluice.id";

	private final long epochNanos;
	private final Level level;
	private final RoutedName logger;
	private final String template;
	/** The first and second arguments when the call had at most two, else {@link #ABSENT}. */
	private final Object arg0;
	private final Object arg1;
	private final ThreadTag thread;
	private final Attributes attributes;
	/** Null unless the record has a throwable, a location or more than two arguments. */
	private final Rare rare;
	private long sequence = -1;
	private String message;

	static {
		RecordAccess.install(new RecordAccess() {
			@Override
			protected void assignSequence(LogRecord record, long sequence) {
				record.sequence = sequence;
			}

			@Override
			protected Object cachedRoute(LogRecord record) {
				return record.logger.route;
			}

			@Override
			protected void cacheRoute(LogRecord record, Object route) {
				record.logger.route = route;
			}
		});
	}

	/** What few records have: kept out of the record so that the common one stays small. */
	private static final class Rare {
		final Throwable thrown;
		final StackTraceElement location;
		/** All the arguments when there are more than two (or they came as an array from the builder), else null. */
		final Object[] args;

		Rare(Throwable thrown, StackTraceElement location, Object[] args) {
			this.thrown = thrown;
			this.location = location;
			this.args = args;
		}
	}

	/**
	 * The caller's path: {@code arg0}/{@code arg1} are {@link #ABSENT} when missing, {@code args}
	 * holds the arguments of a call with more than two (then the inline ones are absent), or null.
	 */
	LogRecord(long epochNanos, Level level, RoutedName logger, String template, Object arg0, Object arg1,
			Object[] args, ThreadTag thread, Throwable thrown, Attributes attributes, StackTraceElement location) {
		this.epochNanos = epochNanos;
		this.level = level;
		this.logger = logger;
		// as SLF4J and Log4j2: a null message (log.error(e.getMessage()) for an exception without
		// one) is the text "null", never a failure further down the pipeline
		this.template = template == null ? "null" : template;
		this.arg0 = arg0;
		this.arg1 = arg1;
		this.thread = thread;
		this.attributes = attributes;
		this.rare = thrown == null && location == null && args == null ? null : new Rare(thrown, location, args);
	}

	private LogRecord(LogRecord r, Attributes attributes) {
		this.epochNanos = r.epochNanos;
		this.level = r.level;
		this.logger = r.logger;
		this.template = r.template;
		this.arg0 = r.arg0;
		this.arg1 = r.arg1;
		this.thread = r.thread;
		this.attributes = attributes;
		this.rare = r.rare;
		this.sequence = r.sequence;
		this.message = r.message;
	}

	/**
	 * A builder for records that do not come from a {@link Logger}: shipped lines, tests.
	 *
	 * @param level the record's level
	 * @param loggerName the name of the logger the record stands for
	 * @param message the message template; each {@code {}} in it is replaced by the next argument
	 * @return a builder for records that do not come from a {@link Logger}
	 */
	public static Builder builder(Level level, String loggerName, String message) {
		return new Builder(level, loggerName, message);
	}

	/** {@return the time of the call, in nanoseconds since the epoch (UTC)} */
	public long epochNanos() {
		return epochNanos;
	}

	/** {@return the time of the call, in milliseconds since the epoch} */
	public long epochMillis() {
		return Math.floorDiv(epochNanos, 1_000_000L);
	}

	/** {@return the time of the call} */
	public Instant instant() {
		return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
				Math.floorMod(epochNanos, 1_000_000_000L));
	}

	/** {@return the record's level} */
	public Level level() {
		return level;
	}

	/** {@return the dotted name of the logger that made the record; {@code "root"} for the root logger} */
	public String loggerName() {
		return logger.name;
	}

	/** {@return the message as given, before its {@code {}} placeholders were filled} */
	public String template() {
		return template;
	}

	/**
	 * The message's arguments (never null; do not modify). For a call with one or two arguments
	 * the array is made on each call to this method (the caller's path made none).
	 *
	 * @return the message's arguments (never null; do not modify)
	 */
	public Object[] arguments() {
		if (rare != null && rare.args != null) {
			return rare.args;
		}
		if (arg0 == ABSENT) {
			return NO_ARGS;
		}
		return arg1 == ABSENT ? new Object[] {arg0} : new Object[] {arg0, arg1};
	}

	/** {@return the message with its arguments, formatted with SLF4J's {@code {}} rules on first use} */
	public String message() {
		String m = message;
		if (m == null) {
			if (arg0 == ABSENT && (rare == null || rare.args == null || rare.args.length == 0)) {
				m = template;
			}
			else {
				// the one formatting path, without the argument array arguments() would make
				StringBuilder sb = new StringBuilder(template.length() + 32);
				formatMessageTo(sb);
				m = sb.toString();
			}
			message = m;
		}
		return m;
	}

	/**
	 * Appends the {@link #message()} to {@code out} without making it a String (the garbage-free
	 * path of layouts): the cached message if there is one, else the template filled straight into
	 * {@code out}, its one or two inline arguments without an array.
	 *
	 * @param out the builder the message is appended to
	 */
	public void formatMessageTo(StringBuilder out) {
		String m = message;
		if (m != null) {
			out.append(m);
			return;
		}
		if (rare != null && rare.args != null) {
			MessageTemplate.formatTo(template, rare.args, rare.args.length, out);
		}
		else if (arg0 == ABSENT) {
			out.append(template);
		}
		else {
			MessageTemplate.formatTo(template, arg0, arg1, out);
		}
	}

	/** {@return the name of the thread that logged} */
	public String threadName() {
		return thread.name;
	}

	/** {@return the id of the thread that logged} */
	public long threadId() {
		return thread.id;
	}

	/** {@return the throwable logged with the record, or null} */
	public Throwable thrown() {
		return rare == null ? null : rare.thrown;
	}

	/** {@return the attributes of the context the record was logged in, plus the call's own} */
	public Attributes attributes() {
		return attributes;
	}

	/**
	 * Where the call was made, or null: captured only when a formatter in use asks for the
	 * caller's location (it costs a stack walk).
	 *
	 * @return where the call was made, or null
	 */
	public StackTraceElement location() {
		return rare == null ? null : rare.location;
	}

	/** {@return the routing sequence number, or -1 before routing} */
	public long sequence() {
		return sequence;
	}


	/**
	 * A copy with other attributes; the copy keeps this record's sequence number.
	 *
	 * @param newAttributes the copy's attributes
	 * @return a copy with other attributes
	 */
	public LogRecord withAttributes(Attributes newAttributes) {
		return new LogRecord(this, Objects.requireNonNull(newAttributes, "attributes"));
	}

	@Override
	public String toString() {
		return "LogRecord{" + instant() + ' ' + level + ' ' + logger.name + " [" + thread.name + "] "
				+ message() + (attributes.isEmpty() ? "" : " " + attributes)
				+ (thrown() == null ? "" : " " + thrown()) + '}';
	}

	/** Builds a {@link LogRecord}; not thread-safe, not reusable after {@link #build()}. */
	public static final class Builder {

		private final Level level;
		private final String loggerName;
		private final String message;
		private long epochNanos = Long.MIN_VALUE;
		private Object[] args;
		private String threadName;
		private long threadId;
		private Throwable thrown;
		private Attributes attributes = Attributes.empty();
		private StackTraceElement location;

		private Builder(Level level, String loggerName, String message) {
			this.level = Objects.requireNonNull(level, "level");
			this.loggerName = Objects.requireNonNull(loggerName, "loggerName");
			this.message = message == null ? "null" : message;
		}

		/**
		 * The record's time (default: now, from the system clock).
		 *
		 * @param time when the record was made
		 * @return this builder
		 */
		public Builder time(Instant time) {
			this.epochNanos = Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000_000L),
					time.getNano());
			return this;
		}

		/**
		 * The record's time in nanoseconds since the epoch.
		 *
		 * @param epochNanos when the record was made, in nanoseconds since 1970-01-01T00:00Z
		 * @return this builder
		 */
		public Builder epochNanos(long epochNanos) {
			this.epochNanos = epochNanos;
			return this;
		}

		/**
		 * The message's {@code {}} arguments.
		 *
		 * @param args the arguments of the message's {@code {}}s, in order; a last {@code Throwable} without a
		 *     {@code {}} of its own becomes the record's throwable
		 * @return this builder
		 */
		public Builder arguments(Object... args) {
			this.args = args;
			return this;
		}

		/**
		 * The thread the record was logged on (default: the calling thread).
		 *
		 * @param name the thread's name
		 * @param id the thread's id
		 * @return this builder
		 */
		public Builder thread(String name, long id) {
			this.threadName = name;
			this.threadId = id;
			return this;
		}

		/**
		 * The record's throwable, printed after the message.
		 *
		 * @param thrown the throwable, or null
		 * @return this builder
		 */
		public Builder thrown(Throwable thrown) {
			this.thrown = thrown;
			return this;
		}

		/**
		 * The record's context attributes (OperationId, User, your own).
		 *
		 * @param attributes the context attributes the record carries
		 * @return this builder
		 */
		public Builder attributes(Attributes attributes) {
			this.attributes = Objects.requireNonNull(attributes, "attributes");
			return this;
		}

		/**
		 * The caller's location, for layouts that print it.
		 *
		 * @param location the caller's location, or null
		 * @return this builder
		 */
		public Builder location(StackTraceElement location) {
			this.location = location;
			return this;
		}

		/** {@return the record; time defaults to now and the thread to the current one} */
		public LogRecord build() {
			long t = epochNanos;
			if (t == Long.MIN_VALUE) {
				Instant now = Instant.now();
				t = now.getEpochSecond() * 1_000_000_000L + now.getNano();
			}
			String tn = threadName;
			long tid = threadId;
			if (tn == null) {
				Thread current = Thread.currentThread();
				tn = current.getName();
				tid = current.getId();
			}
			boolean noArgs = args == null || args.length == 0;
			return new LogRecord(t, level, new RoutedName(loggerName), message, ABSENT, ABSENT, noArgs ? null : args,
					new ThreadTag(tn, tid), thrown, attributes, location);
		}
	}
}
