package dev.sluice.pipeline;

import java.util.Optional;

/**
 * Finds the caller's frame for Python's {@code %(funcName)s}, {@code %(lineno)d} and friends.
 * It costs a stack walk, so loggers call it only when a layout in use asks for the location.
 */
final class CallerLocation {

	private static final StackWalker WALKER = StackWalker.getInstance();

	private static final java.util.Set<String> LOGGING_CLASSES = java.util.Set.of(
			Logger.class.getName(), LogCall.class.getName(), ReactiveLogger.class.getName(),
			ContextualLogger.class.getName(), LoggerRegistry.class.getName(), CallerLocation.class.getName());

	private CallerLocation() {
	}

	static StackTraceElement find() {
		Optional<StackWalker.StackFrame> frame = WALKER.walk(frames -> frames
				.filter(f -> !isLoggingFrame(f.getClassName()))
				.findFirst());
		return frame.map(StackWalker.StackFrame::toStackTraceElement).orElse(null);
	}

	private static boolean isLoggingFrame(String className) {
		return LOGGING_CLASSES.contains(className)
				|| className.startsWith("dev.sluice.slf4j.")
				|| className.startsWith("dev.sluice.events.")
				|| className.startsWith("org.slf4j.")
				|| className.startsWith("reactor.core.");
	}
}
