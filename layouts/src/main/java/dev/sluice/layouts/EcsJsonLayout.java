package dev.sluice.layouts;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.sluice.context.Attributes;
import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.sink.Layout;
import dev.sluice.pipeline.sink.Layouts;

/**
 * One JSON object per record in the Elastic Common Schema, as ecs-logging-java writes it (flat
 * dotted keys, in this order): {@code @timestamp} (UTC, milliseconds), {@code log.level},
 * {@code message}, {@code ecs.version}, {@code service.name} (when set), the static fields,
 * {@code process.thread.name}, {@code log.logger}, {@code log.origin.*} (when the location is
 * captured and asked for), the record's attributes, and for a throwable {@code error.type},
 * {@code error.message} and {@code error.stack_trace}.
 *
 * <p>Attributes: nested under {@code labels} (the default: ECS's place for custom keywords, and no
 * attribute can clash with an ECS field), or, with {@link Builder#attributesAtTopLevel}, as
 * top-level keys, as ecs-logging-java writes MDC entries; there an attribute whose key is one of
 * the fields above is left out rather than written twice. Strings are escaped by Jackson, so the
 * object is always one line. Immutable and thread-safe; the timestamp text is cached per second.
 */
public final class EcsJsonLayout implements Layout {

	/** The ECS version written in {@code ecs.version}. */
	public static final String ECS_VERSION = "1.2.0";

	private static final Set<String> RESERVED = Set.of("@timestamp", "log.level", "message", "ecs.version",
			"service.name", "process.thread.name", "log.logger", "log.origin.file.name", "log.origin.file.line",
			"log.origin.function", "error.type", "error.message", "error.stack_trace", "labels");
	private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.");

	private final String serviceName;
	private final Map<String, Object> staticFields;
	private final boolean topLevel;
	private final boolean origin;
	/** Written by any formatting thread: the last second formatted and its text (race-benign). */
	private volatile Object[] secondCache = {Long.MIN_VALUE, ""};

	private EcsJsonLayout(Builder b) {
		this.serviceName = b.serviceName;
		this.staticFields = b.staticFields;
		this.topLevel = b.topLevel;
		this.origin = b.origin;
	}

	public static Builder builder() {
		return new Builder();
	}

	@Override
	public void format(LogRecord r, StringBuilder out) {
		out.append('{');
		JsonText.key("@timestamp", out);
		timestamp(r.epochNanos(), out);
		out.append(',');
		JsonText.key("log.level", out);
		JsonText.string(r.level().name(), out);
		out.append(',');
		JsonText.key("message", out);
		JsonText.string(r.message(), out);
		out.append(",\"ecs.version\":\"").append(ECS_VERSION).append('"');
		if (serviceName != null) {
			out.append(',');
			JsonText.key("service.name", out);
			JsonText.string(serviceName, out);
		}
		for (Map.Entry<String, Object> e : staticFields.entrySet()) {
			out.append(',');
			JsonText.key(e.getKey(), out);
			JsonText.value(e.getValue(), out);
		}
		out.append(',');
		JsonText.key("process.thread.name", out);
		JsonText.string(r.threadName(), out);
		out.append(',');
		JsonText.key("log.logger", out);
		JsonText.string(r.loggerName(), out);
		StackTraceElement loc = r.location();
		if (origin && loc != null) {
			if (loc.getFileName() != null) {
				out.append(',');
				JsonText.key("log.origin.file.name", out);
				JsonText.string(loc.getFileName(), out);
			}
			out.append(",\"log.origin.file.line\":").append(loc.getLineNumber());
			out.append(',');
			JsonText.key("log.origin.function", out);
			JsonText.string(loc.getMethodName(), out);
		}
		Attributes attrs = r.attributes();
		if (!attrs.isEmpty()) {
			if (topLevel) {
				for (int i = 0; i < attrs.size(); i++) {
					String k = attrs.keyAt(i);
					if (!RESERVED.contains(k) && !staticFields.containsKey(k)) {
						out.append(',');
						JsonText.key(k, out);
						JsonText.value(attrs.valueAt(i), out);
					}
				}
			}
			else {
				out.append(",\"labels\":{");
				for (int i = 0; i < attrs.size(); i++) {
					if (i > 0) {
						out.append(',');
					}
					JsonText.key(attrs.keyAt(i), out);
					JsonText.value(attrs.valueAt(i), out);
				}
				out.append('}');
			}
		}
		Throwable t = r.thrown();
		if (t != null) {
			out.append(',');
			JsonText.key("error.type", out);
			JsonText.string(t.getClass().getName(), out);
			if (t.getMessage() != null) {
				out.append(',');
				JsonText.key("error.message", out);
				JsonText.string(t.getMessage(), out);
			}
			out.append(',');
			JsonText.key("error.stack_trace", out);
			JsonText.string(Layouts.stackTrace(t), out);
		}
		out.append('}');
	}

	private void timestamp(long nanos, StringBuilder out) {
		long second = Math.floorDiv(nanos, 1_000_000_000L);
		Object[] c = secondCache;
		if ((Long) c[0] != second) {
			c = new Object[] {second, SECOND.format(Instant.ofEpochSecond(second).atOffset(ZoneOffset.UTC))};
			secondCache = c;
		}
		int ms = (int) (Math.floorMod(nanos, 1_000_000_000L) / 1_000_000L);
		out.append('"').append((String) c[1]);
		if (ms < 100) {
			out.append(ms < 10 ? "00" : "0");
		}
		out.append(ms).append("Z\"");
	}

	@Override
	public boolean needsLocation() {
		return origin;
	}

	@Override
	public String toString() {
		return "EcsJsonLayout{" + (topLevel ? "attributes at top level" : "attributes as labels")
				+ (serviceName != null ? ", service " + serviceName : "") + "}";
	}

	/** Builds an {@link EcsJsonLayout}; not thread-safe. */
	public static final class Builder {

		private String serviceName;
		private Map<String, Object> staticFields = Map.of();
		private boolean topLevel;
		private boolean origin;

		private Builder() {
		}

		/** {@code service.name}; null (the default) leaves it out. */
		public Builder serviceName(String serviceName) {
			this.serviceName = serviceName;
			return this;
		}

		/** Fields written in every record, such as {@code service.environment} (keys in ECS's dotted form). */
		public Builder staticFields(Map<String, ?> fields) {
			Map<String, Object> copy = new LinkedHashMap<>(Objects.requireNonNull(fields, "fields"));
			for (String k : copy.keySet()) {
				if (RESERVED.contains(k)) {
					throw new IllegalArgumentException("static field '" + k + "' is written by the layout itself");
				}
			}
			this.staticFields = java.util.Collections.unmodifiableMap(copy);
			return this;
		}

		/** Attributes as top-level keys instead of under {@code labels} (default false). */
		public Builder attributesAtTopLevel(boolean topLevel) {
			this.topLevel = topLevel;
			return this;
		}

		/** Write {@code log.origin.*} from the caller's location, which loggers then capture (default false). */
		public Builder includeOrigin(boolean origin) {
			this.origin = origin;
			return this;
		}

		public EcsJsonLayout build() {
			return new EcsJsonLayout(this);
		}
	}
}
