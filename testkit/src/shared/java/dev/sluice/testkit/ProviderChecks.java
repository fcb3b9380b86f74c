package dev.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

import dev.sluice.pipeline.sink.options.InvalidConfigException;
import dev.sluice.pipeline.sink.SinkProvider;
import dev.sluice.pipeline.sink.SinkSpec;

/** Checks every sink provider's tests make: it is registered, and bad options fail whole and discreet. */
public final class ProviderChecks {

	private ProviderChecks() {
	}

	/** The handler class names of every provider registered in META-INF/services. */
	public static List<String> registeredClassNames() {
		List<String> names = new ArrayList<>();
		ServiceLoader.load(SinkProvider.class).forEach(p -> names.addAll(p.classNames()));
		return names;
	}

	/**
	 * Asserts that {@code provider} rejects {@code spec} with an {@link InvalidConfigException}
	 * whose message never shows {@code secret}; returns the message for further assertions.
	 */
	public static String rejected(SinkProvider provider, SinkSpec spec, String secret) {
		List<String> message = new ArrayList<>();
		assertThatThrownBy(() -> provider.create(spec)).isInstanceOf(InvalidConfigException.class)
				.satisfies(e -> message.add(e.getMessage()));
		assertThat(message.get(0)).doesNotContain(secret);
		return message.get(0);
	}
}
