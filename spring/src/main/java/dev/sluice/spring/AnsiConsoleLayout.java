package dev.sluice.spring;

import java.io.Console;
import java.lang.reflect.Method;
import java.util.Locale;

import org.springframework.core.env.Environment;

import dev.sluice.layouts.PythonFormatter;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.sink.Layout;

/**
 * Boot's default console line in Boot's colours, for a terminal: the time faint, the level red
 * (ERROR and above), yellow (WARNING) or green, the pid magenta, the thread faint, the logger cyan,
 * and the OperationId in brackets before the logger name when the record has one. Used when
 * {@code spring.output.ansi.enabled} is {@code always}, or {@code detect} (the default) and the JVM
 * has a terminal. Immutable and thread-safe.
 */
final class AnsiConsoleLayout implements Layout {

	static final String FAINT = "\u001b[2m";
	static final String RED = "\u001b[31m";
	static final String YELLOW = "\u001b[33m";
	static final String GREEN = "\u001b[32m";
	static final String MAGENTA = "\u001b[35m";
	static final String CYAN = "\u001b[36m";
	static final String RESET = "\u001b[0;39m";

	private static final String[] LEVEL_COLOURS = {RED, YELLOW, GREEN};

	/** One line per level colour; each shows the OperationId when the record has one. */
	private final CorrelatedLayout[] byColour = new CorrelatedLayout[LEVEL_COLOURS.length];

	AnsiConsoleLayout(String datefmt) {
		for (int i = 0; i < LEVEL_COLOURS.length; i++) {
			byColour[i] = new CorrelatedLayout(
					PythonFormatter.builder().format(format(LEVEL_COLOURS[i], false)).datefmt(datefmt).build(),
					PythonFormatter.builder().format(format(LEVEL_COLOURS[i], true)).datefmt(datefmt).build());
		}
	}

	/** {@link DefaultPlan#FORMAT} with Boot's colours; with {@code operation}, the OperationId before the logger. */
	static String format(String levelColour, boolean operation) {
		return FAINT + "%(asctime)s.%(msecs)03d" + RESET + " " + levelColour + "%(levelname)7s" + RESET + " " + MAGENTA
				+ "%(process)d" + RESET + " " + FAINT + "--- [%(threadName)15.15s]" + RESET + " "
				+ (operation ? "[%(OperationId)s] " : "") + CYAN + "%(name)-40.40s" + RESET + " " + FAINT + ":" + RESET
				+ " %(message)s";
	}

	/** Whether Boot's {@code spring.output.ansi.enabled} asks for colours here. */
	static boolean enabled(Environment env) {
		String v = env.getProperty("spring.output.ansi.enabled", "detect").trim().toLowerCase(Locale.ROOT);
		if (v.equals("always")) {
			return true;
		}
		if (v.equals("never")) {
			return false;
		}
		return terminal() && !"dumb".equals(System.getenv("TERM"));
	}

	/** Whether the JVM writes to a terminal (JDK 22 on: {@code Console.isTerminal()}). */
	private static boolean terminal() {
		Console console = System.console();
		if (console == null) {
			return false;
		}
		try {
			Method isTerminal = Console.class.getMethod("isTerminal");
			return (Boolean) isTerminal.invoke(console);
		}
		catch (ReflectiveOperationException e) {
			return true; // before JDK 22 a console exists only for a terminal
		}
	}

	@Override
	public void format(LogRecord record, StringBuilder out) {
		int v = record.level().value();
		byColour[v >= Level.ERROR.value() ? 0 : v >= Level.WARNING.value() ? 1 : 2].format(record, out);
	}

	@Override
	public boolean needsLocation() {
		return false;
	}
}
