package dev.sluice.pipeline.sink;

import java.util.Objects;

import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.sink.options.SinkOptions;

/**
 * Everything a {@link SinkProvider} needs to make one sink: the handler's name and class as
 * written in the config, its other keys as {@link SinkOptions}, the compiled layout of its
 * formatter, the handler's level, and the pipeline's environment. Immutable.
 */
public final class SinkSpec {

	private final String handlerName;
	private final String className;
	private final SinkOptions options;
	private final Layout layout;
	private final SinkEnvironment environment;
	private final Level level;

	/**
	 * A spec of a handler without a level ({@link Level#NOTSET}).
	 *
	 * @param handlerName the handler's name, as in the config
	 * @param className the handler's class as written in the config
	 * @param options the handler's options
	 * @param layout the compiled layout of the handler's formatter
	 * @param environment the pipeline's environment
	 */
	public SinkSpec(String handlerName, String className, SinkOptions options, Layout layout,
			SinkEnvironment environment) {
		this(handlerName, className, options, layout, environment, Level.NOTSET);
	}

	/**
	 * A spec of a handler whose configured level is {@code level} (NOTSET when it has none).
	 *
	 * @param handlerName the handler's name, as in the config
	 * @param className the handler's class as written in the config
	 * @param options the handler's options
	 * @param layout the compiled layout of the handler's formatter
	 * @param environment the pipeline's environment
	 * @param level the handler's level
	 */
	public SinkSpec(String handlerName, String className, SinkOptions options, Layout layout,
			SinkEnvironment environment, Level level) {
		this.handlerName = Objects.requireNonNull(handlerName, "handlerName");
		this.className = Objects.requireNonNull(className, "className");
		this.options = Objects.requireNonNull(options, "options");
		this.layout = Objects.requireNonNull(layout, "layout");
		this.environment = Objects.requireNonNull(environment, "environment");
		this.level = Objects.requireNonNull(level, "level");
	}

	/** {@return the handler's name in the config} */
	public String handlerName() {
		return handlerName;
	}

	/** {@return the handler's class name as the config gives it} */
	public String className() {
		return className;
	}

	/** {@return the handler's options} */
	public SinkOptions options() {
		return options;
	}

	/** {@return the layout of the handler's formatter} */
	public Layout layout() {
		return layout;
	}

	/** {@return the pipeline the sink is made for: clock, status logger, base directory, meters} */
	public SinkEnvironment environment() {
		return environment;
	}

	/**
	 * The handler's level as configured ({@link Level#NOTSET} when it has none). Most sinks never
	 * look at it: the pipeline drops records below the handler's routing level before the sink
	 * (see {@link SinkProvider#routingLevel}). A sink whose provider routes lower records to it
	 * (Bugsnag: its breadcrumbs) applies this level itself.
	 *
	 * @return the handler's level as configured ({@link Level#NOTSET} when it has none)
	 */
	public Level level() {
		return level;
	}

	@Override
	public String toString() {
		return "SinkSpec{" + handlerName + " (" + className + ")}";
	}
}
