package dev.sluice.layouts;

import dev.sluice.context.StandardKeys;
import dev.sluice.pipeline.LogRecord;

/**
 * The attributes of a Python {@code LogRecord} that have a meaning in Java, each with the Python
 * type its value has (which decides what {@code %d} or {@code {:.2f}} do with it).
 *
 * <p>Location attributes come from {@link LogRecord#location()}; when the location was not
 * captured they take the values CPython uses when it cannot find the caller.
 */
enum PyAttribute {

	ASCTIME("asctime", Kind.STR, false),
	CREATED("created", Kind.FLOAT, false),
	MSECS("msecs", Kind.FLOAT, false),
	RELATIVE_CREATED("relativeCreated", Kind.FLOAT, false),
	LEVELNAME("levelname", Kind.STR, false),
	LEVELNO("levelno", Kind.INT, false),
	NAME("name", Kind.STR, false),
	MESSAGE("message", Kind.STR, false),
	/** The message as logged, before its arguments were merged in. */
	MSG("msg", Kind.STR, false),
	THREAD("thread", Kind.INT, false),
	THREAD_NAME("threadName", Kind.STR, false),
	PROCESS("process", Kind.INT, false),
	PROCESS_NAME("processName", Kind.STR, false),
	MODULE("module", Kind.STR, true),
	FUNC_NAME("funcName", Kind.STR, true),
	LINENO("lineno", Kind.INT, true),
	PATHNAME("pathname", Kind.STR, true),
	FILENAME("filename", Kind.STR, true),
	/** Anything else: looked up in the record's attributes (Python's {@code extra}), then the defaults. */
	EXTRA("", Kind.ANY, false);

	/** The Python type of an attribute's value. */
	enum Kind {
		STR, INT, FLOAT, ANY
	}

	private static final PyAttribute[] NAMED = values();

	final String pyName;
	final Kind kind;
	final boolean location;

	PyAttribute(String pyName, Kind kind, boolean location) {
		this.pyName = pyName;
		this.kind = kind;
		this.location = location;
	}

	/** The attribute called {@code name}, or {@link #EXTRA}. */
	static PyAttribute byName(String name) {
		for (PyAttribute a : NAMED) {
			if (a != EXTRA && a.pyName.equals(name)) {
				return a;
			}
		}
		return EXTRA;
	}

	/**
	 * The attribute's value with its Python type, as a {@code %} or {@code {}} field gets it: asctime from the
	 * context, the message escaped when the formatter escapes and the field does not take its repr. An extra field
	 * the record and the defaults lack fails the record ({@link FieldError}), as in CPython, except the event log's
	 * standard keys ({@link StandardKeys#ALL}), which print empty.
	 *
	 * @param key the field's name, used for {@link #EXTRA}
	 * @param conversion the field's conversion ({@code 'r'} and {@code 'a'} escape by themselves)
	 */
	Object value(LogRecord r, FormatContext ctx, String key, char conversion) {
		switch (kind) {
			case STR:
				// repr() and ascii() escape control characters themselves: no second escaping
				return this == ASCTIME ? ctx.asctime(r)
						: this == MESSAGE && ctx.escape && conversion != 'r' && conversion != 'a'
								? PyStrings.escaped(r.message())
						: string(r, ctx);
			case INT:
				return integer(r, ctx);
			case FLOAT:
				return floating(r, ctx);
			default:
				Object extra = ctx.extra(r, key);
				if (extra != null) {
					return extra;
				}
				if (StandardKeys.ALL.contains(key)) {
					return ""; // the event log's attributes are always there, empty when unset
				}
				throw FieldError.missing(key);
		}
	}

	/** The value of a {@link Kind#STR} attribute other than asctime and message. */
	String string(LogRecord r, FormatContext ctx) {
		switch (this) {
			case LEVELNAME:
				return r.level().name();
			case NAME:
				return r.loggerName();
			case THREAD_NAME:
				return r.threadName();
			case PROCESS_NAME:
				return ctx.processName;
			case MODULE: {
				String f = fileName(r);
				if (f == null) {
					return "(unknown file)"; // CPython: splitext(basename("(unknown file)"))
				}
				int dot = f.lastIndexOf('.');
				return dot > 0 ? f.substring(0, dot) : f;
			}
			case FUNC_NAME: {
				StackTraceElement e = r.location();
				return e == null ? "(unknown function)" : e.getMethodName();
			}
			case PATHNAME:
				return pathName(r);
			case FILENAME: {
				String f = fileName(r);
				return f == null ? "(unknown file)" : f;
			}
			case MESSAGE:
				return r.message();
			case MSG:
				return r.template();
			default:
				throw new IllegalStateException(pyName + " is not a plain string attribute");
		}
	}

	/** The value of a {@link Kind#INT} attribute. */
	long integer(LogRecord r, FormatContext ctx) {
		switch (this) {
			case LEVELNO:
				return r.level().value();
			case THREAD:
				return r.threadId();
			case PROCESS:
				return ctx.pid;
			case LINENO: {
				StackTraceElement e = r.location();
				return e == null ? 0 : Math.max(0, e.getLineNumber());
			}
			default:
				throw new IllegalStateException(pyName + " is not an int attribute");
		}
	}

	/** The value of a {@link Kind#FLOAT} attribute, computed as CPython 3.12 does from integer nanoseconds. */
	double floating(LogRecord r, FormatContext ctx) {
		long ns = r.epochNanos();
		switch (this) {
			case CREATED:
				return ns / 1e9;
			case MSECS:
				return Math.floorDiv(Math.floorMod(ns, 1_000_000_000L), 1_000_000L);
			case RELATIVE_CREATED:
				return (ns - ctx.startNanos) / 1e6;
			default:
				throw new IllegalStateException(pyName + " is not a float attribute");
		}
	}

	private static String fileName(LogRecord r) {
		StackTraceElement e = r.location();
		return e == null ? null : e.getFileName();
	}

	/**
	 * Java has no source path at run time: the pathname is the file's path in its source tree as
	 * the package implies it ({@code com/acme/Foo.java}), or the class name when the file is unknown.
	 */
	private static String pathName(LogRecord r) {
		StackTraceElement e = r.location();
		if (e == null) {
			return "(unknown file)";
		}
		String cls = e.getClassName();
		int dot = cls.lastIndexOf('.');
		String file = e.getFileName();
		if (file == null) {
			return cls;
		}
		return dot < 0 ? file : cls.substring(0, dot + 1).replace('.', '/') + file;
	}
}
