package dev.sluice.config;

import java.util.List;

import dev.sluice.pipeline.Level;

/**
 * One entry of dictConfig's {@code loggers}, or {@code root}, validated.
 *
 * @param level     the level; null when not given (NOTSET for a named logger; for the root,
 *                  Python keeps WARNING)
 * @param propagate Python's {@code propagate} (default true; ignored for the root)
 * @param handlers  handler names, each defined in the same config
 * @param filters   filter names, each defined in the same config
 */
public record LoggerDef(Level level, boolean propagate, List<String> handlers, List<String> filters) {

	public LoggerDef {
		handlers = List.copyOf(handlers);
		filters = List.copyOf(filters);
	}
}
