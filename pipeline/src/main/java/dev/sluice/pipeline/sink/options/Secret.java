package dev.sluice.pipeline.sink.options;

import java.util.Objects;

/**
 * A secret configuration value (an API key, a token). Its {@link #toString()} never shows the
 * value, so it cannot leak through a log line, an error message or a debugger's summary; only
 * {@link #reveal()} gives it, at the one place that sends it.
 */
public final class Secret {

	private final String value;

	private Secret(String value) {
		this.value = value;
	}

	/**
	 * A secret holding {@code value}.
	 *
	 * @param value the secret's value
	 * @return a secret holding {@code value}
	 */
	public static Secret of(String value) {
		return new Secret(Objects.requireNonNull(value, "secret"));
	}

	/** {@return the value itself: call only where it is sent to the service it is for} */
	public String reveal() {
		return value;
	}

	/** {@return whether the secret is empty} */
	public boolean isEmpty() {
		return value.isEmpty();
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof Secret && ((Secret) o).value.equals(value);
	}

	@Override
	public int hashCode() {
		return value.hashCode();
	}

	@Override
	public String toString() {
		return "******";
	}
}
