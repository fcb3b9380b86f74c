package dev.sluice.slf4j;

import io.micrometer.context.ContextRegistry;
import org.slf4j.LoggerFactory;

/** A fresh JVM's start: SLF4J first, then the context registry (as Reactor's automatic propagation does). */
public final class QuietStartMain {

	private QuietStartMain() {
	}

	public static void main(String[] args) {
		LoggerFactory.getLogger(QuietStartMain.class).warn("started");
		boolean mdc = ContextRegistry.getInstance().getThreadLocalAccessors().stream()
				.anyMatch(a -> a instanceof SluiceMdcAccessor);
		System.out.println("MDC-ACCESSOR " + mdc);
		System.out.println("MAIN-DONE");
	}
}
