package dev.sluice.sinks.cloudwatch;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.sluice.pipeline.sink.options.SinkOptions;
import dev.sluice.pipeline.sink.SinkSpec;
import dev.sluice.sinks.delivery.DeliveryOptions;

/**
 * The validated options of one CloudWatch Logs handler, named as watchtower 3.4 names them.
 * Every problem is collected; {@link #read} throws once, listing them all. Immutable.
 */
final class CloudWatchConfig {

	/** The service's allowed {@code retentionInDays} values. */
	static final Set<Integer> RETENTION_DAYS = Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731,
			1096, 1827, 2192, 2557, 2922, 3288, 3653);
	/** PutLogEvents: at most this many bytes (UTF-8 message + 26 per event). */
	static final int SERVICE_MAX_BATCH_SIZE = 1_048_576;
	static final int SERVICE_MAX_BATCH_COUNT = 10_000;
	/** The largest message: one event may be 1 MiB including its 26 bytes of overhead. */
	static final int SERVICE_MAX_MESSAGE_SIZE = SERVICE_MAX_BATCH_SIZE - LogEvent.OVERHEAD;
	private static final Pattern GROUP_NAME = Pattern.compile("[\\.\\-_/#A-Za-z0-9]{1,512}");

	final String logGroupName;
	final String logStreamName;
	final Duration sendInterval;
	final int maxBatchSize;
	final int maxBatchCount;
	final boolean createLogGroup;
	final boolean createLogStream;
	final Integer retentionDays;
	final Map<String, String> tags;
	final int maxMessageSize;
	final boolean json;
	final int concurrency;
	final String region;
	final URI endpoint;
	final String profile;
	final Duration requestTimeout;
	final DeliveryOptions delivery;

	private CloudWatchConfig(SinkSpec spec) {
		SinkOptions o = spec.options();
		logGroupName = o.string("log_group_name", "watchtower");
		if (logGroupName != null && !GROUP_NAME.matcher(logGroupName).matches()) {
			o.problem("log_group_name", "'" + logGroupName + "' is not a valid log group name (1 to 512 of"
					+ " a-z, A-Z, 0-9, '_', '-', '/', '.', '#')");
		}
		logStreamName = o.string("log_stream_name", StreamNameTemplate.DEFAULT);
		sendInterval = o.duration("send_interval", Duration.ofSeconds(5));
		maxBatchSize = o.integer("max_batch_size", SERVICE_MAX_BATCH_SIZE);
		if (maxBatchSize < 1 || maxBatchSize > SERVICE_MAX_BATCH_SIZE) {
			o.problem("max_batch_size", "must be between 1 and " + SERVICE_MAX_BATCH_SIZE
					+ " (the service's limit), was " + maxBatchSize);
		}
		maxBatchCount = o.integer("max_batch_count", SERVICE_MAX_BATCH_COUNT);
		if (maxBatchCount < 1 || maxBatchCount > SERVICE_MAX_BATCH_COUNT) {
			o.problem("max_batch_count", "must be between 1 and " + SERVICE_MAX_BATCH_COUNT
					+ " (the service's limit), was " + maxBatchCount);
		}
		createLogGroup = o.bool("create_log_group", true);
		createLogStream = o.bool("create_log_stream", true);
		Integer days = null;
		if (o.has("log_group_retention_days")) {
			int d = o.integer("log_group_retention_days", 0);
			if (!RETENTION_DAYS.contains(d)) {
				o.problem("log_group_retention_days", d + " is not a retention the service allows; one of "
						+ new java.util.TreeSet<>(RETENTION_DAYS));
			}
			else {
				days = d;
			}
		}
		else {
			o.accept("log_group_retention_days");
		}
		retentionDays = days;
		Map<String, String> t = new LinkedHashMap<>();
		o.map("log_group_tags").forEach((k, v) -> {
			if (v == null || v instanceof Map || v instanceof java.util.List) {
				o.problem("log_group_tags", "tag '" + k + "' must have a string value");
			}
			else {
				t.put(k, v.toString());
			}
		});
		tags = Map.copyOf(t);
		maxMessageSize = o.integer("max_message_size", 262_144);
		int marker = (int) Utf8.length(LogEventEncoder.TRUNCATION_MARKER);
		if (maxMessageSize <= marker || maxMessageSize > SERVICE_MAX_MESSAGE_SIZE) {
			o.problem("max_message_size", "must be between " + (marker + 1) + " and " + SERVICE_MAX_MESSAGE_SIZE
					+ " UTF-8 bytes (the service's 1 MiB per event, less its 26 bytes), was " + maxMessageSize);
		}
		else if ((long) maxMessageSize + LogEvent.OVERHEAD > maxBatchSize) {
			o.problem("max_message_size", maxMessageSize + " + 26 bytes would not fit max_batch_size " + maxBatchSize);
		}
		json = jsonOption(o);
		concurrency = o.integer("concurrency", 4);
		if (concurrency < 1 || concurrency > 64) {
			o.problem("concurrency", "must be between 1 and 64, was " + concurrency);
		}
		region = o.string("region", null);
		String ep = o.string("endpoint", null);
		URI uri = null;
		if (ep != null) {
			try {
				uri = URI.create(ep);
				if (uri.getScheme() == null || uri.getHost() == null
						|| !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
					o.problem("endpoint", "expected an http(s) URL such as https://logs.us-east-1.amazonaws.com, found '"
							+ ep + "'");
					uri = null;
				}
			}
			catch (IllegalArgumentException e) {
				o.problem("endpoint", "not a URL: " + e.getMessage());
			}
		}
		endpoint = uri;
		profile = o.string("boto3_profile_name", null);
		requestTimeout = o.duration("request_timeout", Duration.ofSeconds(30));
		if (requestTimeout.isZero()) {
			o.problem("request_timeout", "must be positive (a hung call would stall the sink)");
		}
		if (!o.bool("use_queues", true)) {
			spec.environment().status().warn("sink " + spec.handlerName(), "use_queues=false is ignored: Sluice always"
					+ " sends from its own buffer and never on the logging thread");
		}
		o.accept("boto3_client");
		if (o.has("boto3_client")) {
			o.problem("boto3_client", "a client object cannot be given in a config file; use region, endpoint and"
					+ " boto3_profile_name");
		}
		delivery = DeliveryOptions.read(spec);
		if (logStreamName != null) {
			try {
				StreamNameTemplate.compile(logStreamName, "m", "p", 1);
			}
			catch (IllegalArgumentException e) {
				o.problem("log_stream_name", e.getMessage());
			}
		}
		o.validate();
	}

	/** Reads and validates {@code spec}'s options. @throws dev.sluice.pipeline.sink.options.InvalidConfigException listing every problem */
	static CloudWatchConfig read(SinkSpec spec) {
		return new CloudWatchConfig(spec);
	}

	/**
	 * {@code json_serialize_default}: in watchtower a function for values JSON cannot encode; here
	 * {@code true} or {@code "str"} turns on the JSON message (the formatted text under
	 * {@code message} and every extra field beside it, other values as their string form), as
	 * {@code false} or absent keeps the formatter's text.
	 */
	private static boolean jsonOption(SinkOptions o) {
		Object v = o.raw().get("json_serialize_default");
		if (v instanceof String && (((String) v).equals("str") || ((String) v).equals("repr"))) {
			o.accept("json_serialize_default");
			return true;
		}
		return o.bool("json_serialize_default", false);
	}
}
