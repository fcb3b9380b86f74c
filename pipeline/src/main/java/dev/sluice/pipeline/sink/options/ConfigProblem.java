package dev.sluice.pipeline.sink.options;

import java.util.Objects;

/**
 * One problem in a configuration: where it is (a JSON pointer such as
 * {@code /handlers/slack/level}, optionally prefixed by the file), and what is wrong, phrased as
 * what was expected and what was found.
 */
public final class ConfigProblem {

	private final String location;
	private final String message;

	/**
	 * A problem at {@code location} (file and JSON pointer) described by {@code message}.
	 *
	 * @param location where: the JSON pointer, or {@code file:pointer}
	 * @param message what is wrong (never a secret)
	 */
	public ConfigProblem(String location, String message) {
		this.location = Objects.requireNonNull(location, "location");
		this.message = Objects.requireNonNull(message, "message");
	}

	/** {@return the JSON pointer, or {@code file:pointer}} */
	public String location() {
		return location;
	}

	/** {@return what is wrong, never a secret} */
	public String message() {
		return message;
	}

	/**
	 * The same problem located in {@code file}.
	 *
	 * @param file the config file's path
	 * @return the same problem located in {@code file}
	 */
	public ConfigProblem inFile(String file) {
		return new ConfigProblem(file + ":" + location, message);
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof ConfigProblem && ((ConfigProblem) o).location.equals(location)
				&& ((ConfigProblem) o).message.equals(message);
	}

	@Override
	public int hashCode() {
		return location.hashCode() * 31 + message.hashCode();
	}

	@Override
	public String toString() {
		return location + ": " + message;
	}
}
