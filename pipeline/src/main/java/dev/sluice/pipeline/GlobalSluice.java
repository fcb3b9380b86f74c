package dev.sluice.pipeline;

import java.util.ServiceLoader;

/** Holds the JVM-wide pipeline, made on first use (initialization-on-demand holder). */
final class GlobalSluice {

	private GlobalSluice() {
	}

	static final Sluice INSTANCE = create();

	private static Sluice create() {
		Sluice sluice = Sluice.builder().build();
		for (GlobalConfigurator c : ServiceLoader.load(GlobalConfigurator.class)) {
			try {
				if (c.configure(sluice)) {
					break;
				}
			}
			catch (RuntimeException e) {
				sluice.environment().status().error("config", "the global configuration failed; Python's defaults stay ("
						+ c.getClass().getName() + ")", e);
			}
		}
		return sluice;
	}
}
