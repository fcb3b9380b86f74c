package dev.sluice.slf4j;

import java.util.Map;

import org.slf4j.MDC;
import org.slf4j.spi.MDCAdapter;

import io.micrometer.context.ThreadLocalAccessor;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;

/**
 * Carries the thread's own MDC entries (those put with {@code MDC.put}) through Micrometer's
 * context-propagation, under Micrometer's MDC key ({@link Slf4jThreadLocalAccessor#KEY}, which it
 * replaces).
 *
 * <p>Why not Micrometer's accessor: it captures {@code MDC.getCopyOfContextMap()}, and Sluice's
 * MDC lets readers see the current chain's attributes there too. A capture (anything that calls
 * {@code ContextSnapshot.captureAll()} while a request's chain runs) then froze the chain's
 * attributes of that moment as <em>own</em> MDC entries, and restoring the snapshot further up the
 * chain made them shadow the chain's later attributes: a caller's {@code X-Request-Id} written
 * over a unit of work's OperationId reached Sluice's loggers but not SLF4J calls. The chain's
 * attributes travel through their own accessor ({@code dev.sluice.context.LogContextAccessor}),
 * so this one carries only what MDC users put there.
 *
 * <p>Registered through {@link java.util.ServiceLoader} when Micrometer's {@code ContextRegistry}
 * loads; public for that only. Stateless; each method acts on the calling thread's MDC.
 */
public final class SluiceMdcAccessor implements ThreadLocalAccessor<Map<String, String>> {

	@Override
	public Object key() {
		return Slf4jThreadLocalAccessor.KEY;
	}

	@Override
	public Map<String, String> getValue() {
		MDCAdapter adapter = MDC.getMDCAdapter();
		Map<String, String> own = adapter instanceof SluiceMdcAdapter ? ((SluiceMdcAdapter) adapter).ownEntries()
				: adapter.getCopyOfContextMap();
		return own == null || own.isEmpty() ? null : own;
	}

	@Override
	public void setValue(Map<String, String> value) {
		MDC.setContextMap(value);
	}

	@Override
	public void setValue() {
		MDC.clear();
	}
}
