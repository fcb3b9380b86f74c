package dev.sluice.sinks.slack;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.sink.options.Secret;
import dev.sluice.pipeline.sink.options.SinkOptions;

/**
 * The Slack handler's options, validated; immutable. Names and defaults are those of
 * {@code slacker_log_handler} and the Jibe documentation:
 * <ul>
 * <li>{@code api_key}: a bot token ({@code xoxb-...}), sent as {@code Authorization: Bearer},
 * never in a URL, never printed; with {@code channel} ({@code "#general"} or an id);</li>
 * <li>{@code webhook_url}: an incoming webhook instead of {@code api_key} and {@code channel}
 * (a secret too: the URL is the credential);</li>
 * <li>{@code username} (default {@code "Python logger"}), {@code icon_url}, {@code icon_emoji}
 * (wins over {@code icon_url}; when neither is set the icon is {@code :exclamation:}, ❗);</li>
 * <li>{@code fail_silent} (default false): API errors are counted in the metrics but not
 * reported on the status logger;</li>
 * <li>{@code ping_users} (member ids, mentioned as {@code <@U...>}; a leading {@code @} is
 * ignored) and {@code ping_level} (default NOTSET: every message mentions them);</li>
 * <li>{@code endpoint}: the Web API base URL (default {@code https://slack.com/api/}, as
 * slack_sdk's {@code base_url}); messages go to {@code {endpoint}chat.postMessage};</li>
 * <li>Sluice's own: {@code pace} (the least time between two messages to one channel, default
 * 1 s, Slack's "about one message per second per channel"), {@code group_window} (default 60 s;
 * 0 turns it off: a template that keeps coming across messages is shown as one line per window,
 * see {@link BurstWindows}) and {@code timeout} (of one HTTP call, default 10 s).</li>
 * </ul>
 */
final class SlackSettings {

	static final String DEFAULT_USERNAME = "Python logger";
	static final String DEFAULT_ICON_EMOJI = ":exclamation:";
	static final String DEFAULT_ENDPOINT = "https://slack.com/api/";
	static final Duration DEFAULT_PACE = Duration.ofSeconds(1);
	static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
	static final Duration DEFAULT_GROUP_WINDOW = Duration.ofSeconds(60);
	private static final Pattern TOKEN = Pattern.compile("xox[a-z]-[A-Za-z0-9-]+");

	private final Secret apiKey;
	private final String channel;
	private final Secret webhookUrl;
	private final String username;
	private final String iconUrl;
	private final String iconEmoji;
	private final boolean failSilent;
	private final List<String> pingUsers;
	private final Level pingLevel;
	private final URI endpoint;
	private final Duration pace;
	private final Duration timeout;
	private final Duration groupWindow;

	private SlackSettings(Secret apiKey, String channel, Secret webhookUrl, String username, String iconUrl,
			String iconEmoji, boolean failSilent, List<String> pingUsers, Level pingLevel, URI endpoint,
			Duration pace, Duration timeout, Duration groupWindow) {
		this.apiKey = apiKey;
		this.channel = channel;
		this.webhookUrl = webhookUrl;
		this.username = username;
		this.iconUrl = iconUrl;
		this.iconEmoji = iconEmoji;
		this.failSilent = failSilent;
		this.pingUsers = pingUsers;
		this.pingLevel = pingLevel;
		this.endpoint = endpoint;
		this.pace = pace;
		this.timeout = timeout;
		this.groupWindow = groupWindow;
	}

	/** Reads the options, recording every problem in {@code o}; the caller validates. */
	static SlackSettings read(SinkOptions o) {
		Secret apiKey = o.secret("api_key");
		String channel = blankToNull(o.string("channel", null));
		Secret webhook = o.secret("webhook_url");
		String username = o.string("username", DEFAULT_USERNAME);
		String iconUrl = blankToNull(o.string("icon_url", null));
		String iconEmoji = blankToNull(o.string("icon_emoji", null));
		boolean failSilent = o.bool("fail_silent", false);
		List<String> ping = new ArrayList<>();
		for (String u : o.stringList("ping_users")) {
			String id = u.trim();
			while (id.startsWith("@")) {
				id = id.substring(1);
			}
			if (id.isEmpty() || !id.matches("[A-Za-z0-9]+")) {
				o.problem("ping_users", "expected Slack member ids such as U012AB3CD, found '" + u + "'");
			}
			else {
				ping.add(id);
			}
		}
		Level pingLevel = o.level("ping_level", Level.NOTSET);
		String endpointText = o.string("endpoint", DEFAULT_ENDPOINT);
		URI endpoint = httpUri(o, "endpoint", endpointText.endsWith("/") ? endpointText : endpointText + "/");
		Duration pace = o.duration("pace", DEFAULT_PACE);
		Duration timeout = o.duration("timeout", DEFAULT_TIMEOUT);
		Duration groupWindow = o.duration("group_window", DEFAULT_GROUP_WINDOW); // 0: off; negative is a problem
		if (timeout.isZero()) {
			o.problem("timeout", "must be positive");
			timeout = DEFAULT_TIMEOUT;
		}
		if (webhook != null) {
			if (apiKey != null) {
				o.problem("webhook_url", "give either webhook_url or api_key with channel, not both");
			}
			else if (!webhook.reveal().startsWith("https://") && !webhook.reveal().startsWith("http://")) {
				o.problem("webhook_url", "expected an incoming-webhook URL (https://hooks.slack.com/services/...)"
						+ " (value hidden)");
			}
		}
		else {
			if (apiKey == null) {
				o.problem("api_key", "is required (a Slack bot token, xoxb-...) unless webhook_url is given");
			}
			else if (!TOKEN.matcher(apiKey.reveal()).matches()) {
				o.problem("api_key", "does not look like a Slack token (xoxb-..., value hidden); create one under"
						+ " your Slack app's 'OAuth & Permissions' with the chat:write scope");
			}
			if (channel == null) {
				o.problem("channel", "is required with api_key (such as \"#general\")");
			}
		}
		if (iconEmoji != null && !(iconEmoji.startsWith(":") && iconEmoji.endsWith(":") && iconEmoji.length() > 2)) {
			o.problem("icon_emoji", "expected an emoji name such as ':rotating_light:', found '" + iconEmoji + "'");
		}
		return new SlackSettings(apiKey, channel, webhook, username, iconUrl, iconEmoji, failSilent,
				List.copyOf(ping), pingLevel, endpoint, pace, timeout, groupWindow);
	}

	private static URI httpUri(SinkOptions o, String key, String text) {
		try {
			URI uri = URI.create(text);
			String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
			if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
				return uri;
			}
		}
		catch (IllegalArgumentException e) {
			// reported below
		}
		o.problem(key, "expected an http(s) URL such as " + DEFAULT_ENDPOINT + ", found '" + text + "'");
		return URI.create(DEFAULT_ENDPOINT);
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}

	/** The bot token, or null when posting to a webhook. */
	Secret apiKey() {
		return apiKey;
	}

	/** The channel, or null for a webhook without a channel override. */
	String channel() {
		return channel;
	}

	/** The incoming webhook, or null. */
	Secret webhookUrl() {
		return webhookUrl;
	}

	String username() {
		return username;
	}

	String iconUrl() {
		return iconUrl;
	}

	String iconEmoji() {
		return iconEmoji;
	}

	boolean failSilent() {
		return failSilent;
	}

	List<String> pingUsers() {
		return pingUsers;
	}

	Level pingLevel() {
		return pingLevel;
	}

	URI endpoint() {
		return endpoint;
	}

	/** {@code {endpoint}chat.postMessage}. */
	String postMessageUrl() {
		return endpoint.toString() + "chat.postMessage";
	}

	/** The window over which a template that keeps coming is grouped across messages (0: off). */
	Duration groupWindow() {
		return groupWindow;
	}

	Duration pace() {
		return pace;
	}

	Duration timeout() {
		return timeout;
	}

	/** What the sink is posting to, for messages (never a secret). */
	String target() {
		return webhookUrl != null ? "an incoming webhook" : "channel " + channel;
	}
}
