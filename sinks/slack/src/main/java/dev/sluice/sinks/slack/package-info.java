/**
 * The Slack sink: records posted to a channel with {@code chat.postMessage} (a bot token) or to an
 * incoming webhook, for handlers of class {@code slacker_log_handler.SlackerLogHandler},
 * {@code src.slack_log_handler.SlackLogHandler}, {@code slack} or {@code sluice.slack}.
 *
 * <pre>{@code
 * "alert_slack_handler": {
 *   "class": "src.slack_log_handler.SlackLogHandler",
 *   "api_key": "${env:SLACK_API_KEY}", "channel": "#general",
 *   "level": "WARNING", "formatter": "slack",
 *   "username": "Jibe", "icon_emoji": ":rotating_light:", "fail_silent": true,
 *   "fallback": "error_file_handler"
 * }
 * }</pre>
 *
 * <h2>What a message looks like</h2>
 * The {@code text} is the formatter's output, one line per record, with {@code &}, {@code <} and
 * {@code >} escaped as Slack requires, at most 4,000 characters (more records make more messages;
 * one longer record is cut with a marker). Records of the same burst (logger, level and message
 * template) share one line, {@code "Providers Sync Delayed: [...] (x37 in 60 s)"}, and a template
 * that keeps coming across messages is grouped over a {@code group_window} (60 s): after the
 * first line, the channel gets one line per window for it, holding the sink's writes meanwhile
 * (so, during such a burst, other records of the channel and a shutdown wait up to one window
 * too; see {@code BurstWindows}). Each line also
 * has an attachment coloured by that record's own level (danger, warning, good) with Block Kit
 * fields for the logger, level, time and context attributes, within Slack's limits (50 blocks,
 * 3,000 characters per section, 10 fields of 2,000, 100 attachments), cut with a marker, never
 * rejected.
 *
 * <h2>Pace, errors and loss</h2>
 * The sink posts at most one message per channel per {@code pace} (1 s) and after a 429 waits
 * the {@code Retry-After} it was given; while it waits, records gather into the next, fuller
 * message. Slack's transient answers are retried with backoff by the delivery engine
 * ({@code dev.sluice.sinks.delivery}); its permanent ones ({@code not_in_channel},
 * {@code invalid_auth}, ...) are reported once on the status logger with what to do, or only
 * counted in the metrics with {@code fail_silent}. Records the sink gives up on go to its
 * {@code fallback} handler, or are counted as dropped with the reason, never silently lost.
 *
 * <h2>Threading</h2>
 * Nothing blocks: the sink's runner thread only formats lines; HTTP goes through reactor-netty's
 * non-blocking client, and every wait is a timer. Tokens and webhook URLs are never printed.
 */
package dev.sluice.sinks.slack;
