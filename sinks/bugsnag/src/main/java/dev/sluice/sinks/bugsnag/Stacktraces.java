package dev.sluice.sinks.bugsnag;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sluice.pipeline.sink.ForeignError;

/**
 * A throwable and its causes as Bugsnag's {@code exceptions} array: outermost first, each with
 * its {@code errorClass}, {@code message} and a {@code stacktrace} of frames ({@code file},
 * {@code lineNumber}, {@code method} as {@code Class.method}, {@code inProject} when the class is
 * in one of the project's packages). A cause cycle is cut at the first repeat. Pure; thread-safe.
 */
final class Stacktraces {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final List<String> projectPackages;

	Stacktraces(List<String> projectPackages) {
		this.projectPackages = projectPackages;
	}

	/** The {@code exceptions} array of {@code thrown} and its causes. */
	ArrayNode exceptions(Throwable thrown) {
		ArrayNode out = NODES.arrayNode();
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable t = thrown; t != null && seen.add(t); t = t.getCause()) {
			ObjectNode x = out.addObject();
			x.put("errorClass", t instanceof ForeignError ? ((ForeignError) t).errorClass() : t.getClass().getName());
			String message = t.getMessage();
			x.put("message", message == null ? "" : message);
			x.put("type", "java");
			x.set("stacktrace", frames(t.getStackTrace()));
		}
		return out;
	}

	/** An exception for a record logged without a throwable: {@code LogERROR} and the message. */
	ArrayNode logMessage(String levelName, String message, StackTraceElement location) {
		ArrayNode out = NODES.arrayNode();
		ObjectNode x = out.addObject();
		x.put("errorClass", "Log" + levelName);
		x.put("message", message);
		x.put("type", "java");
		x.set("stacktrace", frames(location == null ? new StackTraceElement[0] : new StackTraceElement[] {location}));
		return out;
	}

	ArrayNode frames(StackTraceElement[] elements) {
		ArrayNode frames = NODES.arrayNode();
		for (StackTraceElement e : elements) {
			ObjectNode f = frames.addObject();
			f.put("file", e.getFileName() != null ? e.getFileName() : e.getClassName());
			f.put("lineNumber", Math.max(0, e.getLineNumber()));
			// a frame parsed from a foreign traceback (Python's) has no class
			f.put("method", e.getClassName().isEmpty() ? e.getMethodName() : e.getClassName() + "." + e.getMethodName());
			if (inProject(e.getClassName())) {
				f.put("inProject", true);
			}
		}
		return frames;
	}

	/** Whether {@code className} is in one of the project packages (whole package names only). */
	boolean inProject(String className) {
		for (String p : projectPackages) {
			if (className.startsWith(p) && (className.length() == p.length() || p.endsWith(".")
					|| className.charAt(p.length()) == '.' || className.charAt(p.length()) == '$')) {
				return true;
			}
		}
		return false;
	}
}
