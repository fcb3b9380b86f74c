package dev.sluice.pipeline.sink;

import java.util.Objects;

/**
 * Everything a {@link SinkProvider} needs to make one sink: the handler's name and class as
 * written in the config, its other keys as {@link SinkOptions}, the compiled layout of its
 * formatter, and the pipeline's environment. Immutable.
 */
public final class SinkSpec {

	private final String handlerName;
	private final String className;
	private final SinkOptions options;
	private final Layout layout;
	private final SinkEnvironment environment;

	public SinkSpec(String handlerName, String className, SinkOptions options, Layout layout,
			SinkEnvironment environment) {
		this.handlerName = Objects.requireNonNull(handlerName, "handlerName");
		this.className = Objects.requireNonNull(className, "className");
		this.options = Objects.requireNonNull(options, "options");
		this.layout = Objects.requireNonNull(layout, "layout");
		this.environment = Objects.requireNonNull(environment, "environment");
	}

	public String handlerName() {
		return handlerName;
	}

	public String className() {
		return className;
	}

	public SinkOptions options() {
		return options;
	}

	public Layout layout() {
		return layout;
	}

	public SinkEnvironment environment() {
		return environment;
	}

	@Override
	public String toString() {
		return "SinkSpec{" + handlerName + " (" + className + ")}";
	}
}
