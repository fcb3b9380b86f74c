package dev.sluice.events;

import java.util.Locale;

/** How important an event is: {@link #LOW} (the default), {@link #MEDIUM} or {@link #HIGH}. */
public enum Priority {

	LOW, MEDIUM, HIGH;

	/** The name used in events and queries: {@code "low"}. */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The priority called {@code text} (case-insensitive), or a {@link Priority} as is.
	 *
	 * @throws IllegalArgumentException naming the allowed values, for anything else
	 */
	public static Priority parse(Object text) {
		if (text instanceof Priority) {
			return (Priority) text;
		}
		if (text instanceof String) {
			String s = ((String) text).trim();
			for (Priority p : values()) {
				if (p.name().equalsIgnoreCase(s)) {
					return p;
				}
			}
		}
		throw new IllegalArgumentException("Priority '" + text + "' is not one of: low, medium, high");
	}

	@Override
	public String toString() {
		return label();
	}
}
