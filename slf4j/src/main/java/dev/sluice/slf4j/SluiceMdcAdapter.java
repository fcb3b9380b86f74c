package dev.sluice.slf4j;

import java.util.HashMap;
import java.util.Map;

import org.slf4j.helpers.BasicMDCAdapter;

import dev.sluice.context.Attributes;
import dev.sluice.context.CurrentAttributes;

/**
 * SLF4J's MDC for code that still uses it. Values put in MDC become attributes of the records
 * logged on that thread. Reading goes both ways: {@code MDC.get("User")} also finds the
 * attributes of the Reactor chain running on this thread (restored by context-propagation), so
 * MDC-reading code sees what the chain wrote with {@code LogContext.with}.
 */
final class SluiceMdcAdapter extends BasicMDCAdapter {

	@Override
	public String get(String key) {
		String own = super.get(key);
		if (own != null) {
			return own;
		}
		Object fromContext = CurrentAttributes.get().get(key);
		return fromContext == null ? null : String.valueOf(fromContext);
	}

	@Override
	public Map<String, String> getCopyOfContextMap() {
		Map<String, String> own = super.getCopyOfContextMap();
		Attributes ctx = CurrentAttributes.get();
		if (ctx.isEmpty()) {
			return own;
		}
		Map<String, String> merged = new HashMap<>();
		ctx.forEach((k, v) -> merged.put(k, String.valueOf(v)));
		if (own != null) {
			merged.putAll(own);
		}
		return merged;
	}

	/** This thread's own MDC entries (not the chain's), or null: what records must carry on top. */
	Map<String, String> ownEntries() {
		return super.getCopyOfContextMap();
	}
}
