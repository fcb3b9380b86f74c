package dev.sluice.events;

import java.util.Locale;

/**
 * The seven categories of CycleServer's event log. The list is closed: {@link #parse} rejects
 * anything else, so a misspelt category fails at the call instead of silently becoming
 * {@link #SYSTEM}.
 */
public enum Category {

	/** Data was gathered from an external system, by polling or by receiving messages. */
	MONITOR,
	/** An action was taken on an external system, such as holding a job or restarting a service. */
	COMMAND,
	/** A configuration value of an external system was changed. */
	CONFIG,
	/** A setting of this platform was changed. */
	SETTINGS,
	/** Authentication or authorization settings changed: a user, group or role. */
	AUTH,
	/** An internal operation ran, such as applying retirement rules or a backup completing. The default. */
	SYSTEM,
	/** A notification of some condition: an alert firing, a job finishing, a new version. */
	NOTICE;

	private static final String ALLOWED = "monitor, command, config, settings, auth, system, notice";

	/** The name used in events and queries: {@code "auth"}. */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The category called {@code text} (case-insensitive), or a {@link Category} as is.
	 *
	 * @throws IllegalArgumentException naming the allowed values, for anything else
	 */
	public static Category parse(Object text) {
		if (text instanceof Category) {
			return (Category) text;
		}
		if (text instanceof String) {
			String s = ((String) text).trim();
			for (Category c : values()) {
				if (c.name().equalsIgnoreCase(s)) {
					return c;
				}
			}
		}
		throw new IllegalArgumentException("Category '" + text + "' is not one of the event log's categories: "
				+ ALLOWED);
	}

	@Override
	public String toString() {
		return label();
	}
}
