package dev.sluice.sinks.bugsnag;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.sink.options.Secret;
import dev.sluice.pipeline.sink.options.SinkOptions;

/**
 * The Bugsnag handler's options, validated; immutable. Names follow bugsnag-python:
 * <ul>
 * <li>{@code api_key} (required; 32 hex digits; sent as {@code Bugsnag-Api-Key}, never printed);</li>
 * <li>{@code endpoint}: the notify URL (default {@code https://notify.bugsnag.com/}; on-premise
 * Bugsnag and tests);</li>
 * <li>{@code extra_fields}: {@code {"tab": ["attribute", ...]}}, the record attributes shown in
 * their own metaData tab, as bugsnag-python's handler takes record attributes;</li>
 * <li>{@code release_stage} (default {@code production}), {@code notify_release_stages} (empty:
 * every stage notifies), {@code app_version}, {@code hostname} (default: this machine's, looked
 * up when the first event is built);</li>
 * <li>{@code project_packages}: package prefixes whose frames are {@code inProject};</li>
 * <li>{@code redacted_keys} (default password, secret, token, authorization, cookie, api_key):
 * metaData and breadcrumb keys that contain one of them, in any case, show {@code [REDACTED]};</li>
 * <li>the handler's {@code level} ({@link dev.sluice.pipeline.sink.SinkSpec#level()}; ERROR when
 * the handler has none): records at or above it are reported as events, as Python's
 * BugsnagHandler notifies what reaches it. {@code notify_level}, when given, overrides it;</li>
 * <li>{@code breadcrumb_log_level} (default INFO) and {@code max_breadcrumbs} (default 25), as
 * bugsnag-python names them: records at or above the breadcrumb level and below the event level
 * are the breadcrumbs of their unit of work (the pipeline routes them to the sink for that, see
 * {@link BugsnagSinkProvider#routingLevel});</li>
 * <li>{@code auto_notify} (default false): install the hooks that report unhandled errors
 * ({@link BugsnagHooks}) while the sink runs;</li>
 * <li>{@code timeout} (of one HTTP call, default 15 s).</li>
 * </ul>
 */
final class BugsnagSettings {

	static final String DEFAULT_ENDPOINT = "https://notify.bugsnag.com/";
	static final List<String> DEFAULT_REDACTED = List.of("password", "secret", "token", "authorization", "cookie",
			"api_key");
	static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

	private final Secret apiKey;
	private final URI endpoint;
	private final Map<String, List<String>> extraFields;
	private final String releaseStage;
	private final List<String> notifyReleaseStages;
	private final String appVersion;
	private final String hostname;
	private final List<String> projectPackages;
	private final List<String> redactedKeys;
	private final Level notifyLevel;
	private final Level breadcrumbLevel;
	private final int maxBreadcrumbs;
	private final boolean autoNotify;
	private final Duration timeout;

	private BugsnagSettings(Secret apiKey, URI endpoint, Map<String, List<String>> extraFields, String releaseStage,
			List<String> notifyReleaseStages, String appVersion, String hostname, List<String> projectPackages,
			List<String> redactedKeys, Level notifyLevel, Level breadcrumbLevel, int maxBreadcrumbs,
			boolean autoNotify, Duration timeout) {
		this.apiKey = apiKey;
		this.endpoint = endpoint;
		this.extraFields = extraFields;
		this.releaseStage = releaseStage;
		this.notifyReleaseStages = notifyReleaseStages;
		this.appVersion = appVersion;
		this.hostname = hostname;
		this.projectPackages = projectPackages;
		this.redactedKeys = redactedKeys;
		this.notifyLevel = notifyLevel;
		this.breadcrumbLevel = breadcrumbLevel;
		this.maxBreadcrumbs = maxBreadcrumbs;
		this.autoNotify = autoNotify;
		this.timeout = timeout;
	}

	/** Reads the options, recording every problem in {@code o}; the caller validates. */
	static BugsnagSettings read(SinkOptions o, Level handlerLevel, String detectedHostname) {
		Secret apiKey = o.secret("api_key");
		if (apiKey == null) {
			o.problem("api_key", "is required: the project's notifier API key (32 hex digits) from Bugsnag's"
					+ " project settings");
		}
		else if (!apiKey.reveal().matches("[0-9a-fA-F]{32}")) {
			o.problem("api_key", "expected 32 hexadecimal digits (value hidden)");
		}
		String endpointText = o.string("endpoint", DEFAULT_ENDPOINT);
		URI endpoint = URI.create(DEFAULT_ENDPOINT);
		try {
			URI u = URI.create(endpointText);
			String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
			if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) {
				endpoint = u;
			}
			else {
				o.problem("endpoint", "expected an http(s) URL such as " + DEFAULT_ENDPOINT + ", found '"
						+ endpointText + "'");
			}
		}
		catch (IllegalArgumentException e) {
			o.problem("endpoint", "expected an http(s) URL such as " + DEFAULT_ENDPOINT + ", found '" + endpointText
					+ "'");
		}
		Map<String, List<String>> extra = new LinkedHashMap<>();
		o.map("extra_fields").forEach((tab, fields) -> {
			List<String> names = new ArrayList<>();
			if (fields instanceof List) {
				for (Object f : (List<?>) fields) {
					names.add(String.valueOf(f));
				}
			}
			else if (fields instanceof String) {
				names.add((String) fields);
			}
			else {
				o.problem("extra_fields", "tab '" + tab + "' must list attribute names, found " + fields);
			}
			extra.put(tab, List.copyOf(names));
		});
		String releaseStage = o.string("release_stage", "production");
		List<String> notifyStages = o.stringList("notify_release_stages");
		String appVersion = o.string("app_version", null);
		String hostname = o.string("hostname", detectedHostname);
		List<String> packages = o.stringList("project_packages");
		List<String> redacted = o.has("redacted_keys") ? o.stringList("redacted_keys") : DEFAULT_REDACTED;
		o.accept("redacted_keys");
		Level notifyLevel = o.level("notify_level", eventLevel(handlerLevel));
		Level crumbLevel = o.level("breadcrumb_log_level", Level.INFO);
		int maxCrumbs = o.integer("max_breadcrumbs", 25);
		if (maxCrumbs < 0 || maxCrumbs > 100) {
			o.problem("max_breadcrumbs", "must be between 0 and 100 (Bugsnag keeps at most 100), was " + maxCrumbs);
			maxCrumbs = 25;
		}
		boolean autoNotify = o.bool("auto_notify", false);
		Duration timeout = o.duration("timeout", DEFAULT_TIMEOUT);
		if (timeout.isZero()) {
			o.problem("timeout", "must be positive");
			timeout = DEFAULT_TIMEOUT;
		}
		List<String> lowerRedacted = new ArrayList<>();
		for (String k : redacted) {
			lowerRedacted.add(k.toLowerCase(Locale.ROOT));
		}
		return new BugsnagSettings(apiKey, endpoint, Map.copyOf(extra), releaseStage, notifyStages, appVersion,
				hostname, packages, List.copyOf(lowerRedacted), notifyLevel, crumbLevel, maxCrumbs, autoNotify,
				timeout);
	}

	/** The default event level of a handler at {@code handlerLevel}: that level, or ERROR when NOTSET. */
	static Level eventLevel(Level handlerLevel) {
		return handlerLevel.value() == Level.NOTSET.value() ? Level.ERROR : handlerLevel;
	}

	Secret apiKey() {
		return apiKey;
	}

	URI endpoint() {
		return endpoint;
	}

	Map<String, List<String>> extraFields() {
		return extraFields;
	}

	String releaseStage() {
		return releaseStage;
	}

	/** Whether events of this release stage are sent (bugsnag-python's notify_release_stages). */
	boolean notifiesThisStage() {
		return notifyReleaseStages.isEmpty() || notifyReleaseStages.contains(releaseStage);
	}

	String appVersion() {
		return appVersion;
	}

	String hostname() {
		return hostname;
	}

	List<String> projectPackages() {
		return projectPackages;
	}

	/** Lower-case. */
	List<String> redactedKeys() {
		return redactedKeys;
	}

	Level notifyLevel() {
		return notifyLevel;
	}

	Level breadcrumbLevel() {
		return breadcrumbLevel;
	}

	int maxBreadcrumbs() {
		return maxBreadcrumbs;
	}

	boolean autoNotify() {
		return autoNotify;
	}

	Duration timeout() {
		return timeout;
	}
}
