package dev.sluice.pipeline;

/**
 * {@link Logger}'s calls at a fixed level ({@code trace} to {@code critical}), each the
 * {@code log} call at its level; kept apart so that {@code Logger} reads as what it does. Not a
 * type of its own for users: its methods are {@code Logger}'s.
 */
abstract class LevelCalls {

	LevelCalls() {
	}

	/**
	 * Logs at {@code level}: see {@link Logger#log(Level, String)}.
	 *
	 * @param level the record's level
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 */
	public abstract void log(Level level, String message);

	/**
	 * Logs at {@code level}: see {@link Logger#log(Level, String, Object)}.
	 *
	 * @param level the record's level
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 * @param arg the argument of the message's {@code {}}
	 */
	public abstract void log(Level level, String message, Object arg);

	/**
	 * Logs at {@code level}: see {@link Logger#log(Level, String, Object, Object)}.
	 *
	 * @param level the record's level
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 * @param arg1 the argument of the message's first {@code {}}
	 * @param arg2 the argument of the message's second {@code {}}
	 */
	public abstract void log(Level level, String message, Object arg1, Object arg2);

	/**
	 * Logs at {@code level}: see {@link Logger#log(Level, String, Object...)}.
	 *
	 * @param level the record's level
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 * @param args the arguments of the message's {@code {}}s, in order
	 */
	public abstract void log(Level level, String message, Object... args);

	/**
	 * Logs {@code message} at TRACE.
	 *
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 */
	public void trace(String message) {
		log(Level.TRACE, message);
	}

	/**
	 * Logs {@code message} at TRACE, its {@code {}} replaced by {@code arg}.
	 *
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 * @param arg the argument of the message's {@code {}}
	 */
	public void trace(String message, Object arg) {
		log(Level.TRACE, message, arg);
	}

	/**
	 * Logs {@code message} at TRACE, its {@code {}} replaced by the arguments.
	 *
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 * @param arg1 the argument of the message's first {@code {}}
	 * @param arg2 the argument of the message's second {@code {}}
	 */
	public void trace(String message, Object arg1, Object arg2) {
		log(Level.TRACE, message, arg1, arg2);
	}

	/**
	 * Logs {@code message} at TRACE, its {@code {}} replaced by the arguments (a last Throwable is the record's throwable).
	 *
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 * @param args the arguments of the message's {@code {}}s, in order; a last {@code Throwable} without a
	 *     {@code {}} of its own becomes the record's throwable
	 */
	public void trace(String message, Object... args) {
		log(Level.TRACE, message, args);
	}

	/**
	 * Logs {@code message} at DEBUG.
	 *
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 */
	public void debug(String message) {
		log(Level.DEBUG, message);
	}

	/**
	 * Logs {@code message} at DEBUG, its {@code {}} replaced by {@code arg}.
	 *
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 * @param arg the argument of the message's {@code {}}
	 */
	public void debug(String message, Object arg) {
		log(Level.DEBUG, message, arg);
	}

	/**
	 * Logs {@code message} at DEBUG, its {@code {}} replaced by the arguments.
	 *
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 * @param arg1 the argument of the message's first {@code {}}
	 * @param arg2 the argument of the message's second {@code {}}
	 */
	public void debug(String message, Object arg1, Object arg2) {
		log(Level.DEBUG, message, arg1, arg2);
	}

	/**
	 * Logs {@code message} at DEBUG, its {@code {}} replaced by the arguments (a last Throwable is the record's throwable).
	 *
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 * @param args the arguments of the message's {@code {}}s, in order; a last {@code Throwable} without a
	 *     {@code {}} of its own becomes the record's throwable
	 */
	public void debug(String message, Object... args) {
		log(Level.DEBUG, message, args);
	}

	/**
	 * Logs {@code message} at INFO.
	 *
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 */
	public void info(String message) {
		log(Level.INFO, message);
	}

	/**
	 * Logs {@code message} at INFO, its {@code {}} replaced by {@code arg}.
	 *
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 * @param arg the argument of the message's {@code {}}
	 */
	public void info(String message, Object arg) {
		log(Level.INFO, message, arg);
	}

	/**
	 * Logs {@code message} at INFO, its {@code {}} replaced by the arguments.
	 *
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 * @param arg1 the argument of the message's first {@code {}}
	 * @param arg2 the argument of the message's second {@code {}}
	 */
	public void info(String message, Object arg1, Object arg2) {
		log(Level.INFO, message, arg1, arg2);
	}

	/**
	 * Logs {@code message} at INFO, its {@code {}} replaced by the arguments (a last Throwable is the record's throwable).
	 *
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 * @param args the arguments of the message's {@code {}}s, in order; a last {@code Throwable} without a
	 *     {@code {}} of its own becomes the record's throwable
	 */
	public void info(String message, Object... args) {
		log(Level.INFO, message, args);
	}

	/**
	 * Logs {@code message} at WARNING.
	 *
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 */
	public void warn(String message) {
		log(Level.WARNING, message);
	}

	/**
	 * Logs {@code message} at WARNING, its {@code {}} replaced by {@code arg}.
	 *
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 * @param arg the argument of the message's {@code {}}
	 */
	public void warn(String message, Object arg) {
		log(Level.WARNING, message, arg);
	}

	/**
	 * Logs {@code message} at WARNING, its {@code {}} replaced by the arguments.
	 *
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 * @param arg1 the argument of the message's first {@code {}}
	 * @param arg2 the argument of the message's second {@code {}}
	 */
	public void warn(String message, Object arg1, Object arg2) {
		log(Level.WARNING, message, arg1, arg2);
	}

	/**
	 * Logs {@code message} at WARNING, its {@code {}} replaced by the arguments (a last Throwable is the record's throwable).
	 *
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 * @param args the arguments of the message's {@code {}}s, in order; a last {@code Throwable} without a
	 *     {@code {}} of its own becomes the record's throwable
	 */
	public void warn(String message, Object... args) {
		log(Level.WARNING, message, args);
	}

	/**
	 * Logs {@code message} at ERROR.
	 *
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 */
	public void error(String message) {
		log(Level.ERROR, message);
	}

	/**
	 * Logs {@code message} at ERROR, its {@code {}} replaced by {@code arg}.
	 *
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 * @param arg the argument of the message's {@code {}}
	 */
	public void error(String message, Object arg) {
		log(Level.ERROR, message, arg);
	}

	/**
	 * Logs {@code message} at ERROR, its {@code {}} replaced by the arguments.
	 *
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 * @param arg1 the argument of the message's first {@code {}}
	 * @param arg2 the argument of the message's second {@code {}}
	 */
	public void error(String message, Object arg1, Object arg2) {
		log(Level.ERROR, message, arg1, arg2);
	}

	/**
	 * Logs {@code message} at ERROR, its {@code {}} replaced by the arguments (a last Throwable is the record's throwable).
	 *
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 * @param args the arguments of the message's {@code {}}s, in order; a last {@code Throwable} without a
	 *     {@code {}} of its own becomes the record's throwable
	 */
	public void error(String message, Object... args) {
		log(Level.ERROR, message, args);
	}

	/**
	 * Logs {@code message} at CRITICAL.
	 *
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 */
	public void critical(String message) {
		log(Level.CRITICAL, message);
	}

	/**
	 * Logs {@code message} at CRITICAL, its {@code {}} replaced by the arguments (a last Throwable is the record's throwable).
	 *
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 * @param args the arguments of the message's {@code {}}s, in order; a last {@code Throwable} without a
	 *     {@code {}} of its own becomes the record's throwable
	 */
	public void critical(String message, Object... args) {
		log(Level.CRITICAL, message, args);
	}
}
