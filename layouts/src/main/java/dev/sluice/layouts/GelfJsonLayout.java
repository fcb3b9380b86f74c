package dev.sluice.layouts;

import java.util.regex.Pattern;

import dev.sluice.context.Attributes;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.sink.Layout;
import dev.sluice.pipeline.sink.Layouts;

/**
 * One GELF 1.1 (Graylog Extended Log Format) JSON object per record, with the fields and order of
 * Spring Boot's {@code logging.structured.format.console=gelf}: {@code version} ({@code "1.1"}),
 * {@code short_message} ({@code "(blank)"} for an empty message: Graylog refuses blank ones),
 * {@code timestamp} (epoch seconds with three decimals, cut not rounded), {@code level} (the syslog
 * severity: 3 error and above, 4 warning, 6 info, 7 debug), {@code _level_name} (Logback's name),
 * {@code _process_pid}, {@code _process_thread_name}, {@code host} and {@code _service_version}
 * when set, {@code _log_logger}, the record's attributes as additional fields ({@code _} + key; a
 * key GELF does not allow, or {@code id}, is left out), and for a throwable {@code full_message}
 * (message, blank line, stack trace), {@code _error_type}, {@code _error_stack_trace},
 * {@code _error_message}. One line per record. Immutable and thread-safe.
 */
public final class GelfJsonLayout implements Layout {

	/** GELF's additional field names. */
	private static final Pattern FIELD_NAME = Pattern.compile("^[\\w.\\-]*$");

	private final String host;
	private final String serviceVersion;
	private final long pid;

	private GelfJsonLayout(Builder b) {
		this.host = b.host;
		this.serviceVersion = b.serviceVersion;
		this.pid = b.pid;
	}

	/** A builder: no host, no service version, this process's id. */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public void format(LogRecord r, StringBuilder out) {
		String message = r.message();
		out.append("{\"version\":\"1.1\",");
		JsonText.key("short_message", out);
		JsonText.string(message.isBlank() ? "(blank)" : message, out);
		out.append(",\"timestamp\":");
		long millis = r.epochMillis();
		out.append(Math.floorDiv(millis, 1000L)).append('.');
		int fraction = (int) Math.floorMod(millis, 1000L);
		out.append((char) ('0' + fraction / 100)).append((char) ('0' + fraction / 10 % 10)).append((char) ('0' + fraction % 10));
		out.append(",\"level\":").append(severity(r.level()));
		out.append(",\"_level_name\":\"").append(LogbackLevel.name(r.level())).append('"');
		out.append(",\"_process_pid\":").append(pid).append(',');
		JsonText.key("_process_thread_name", out);
		JsonText.string(r.threadName(), out);
		if (host != null) {
			out.append(',');
			JsonText.key("host", out);
			JsonText.string(host, out);
		}
		if (serviceVersion != null) {
			out.append(',');
			JsonText.key("_service_version", out);
			JsonText.string(serviceVersion, out);
		}
		out.append(',');
		JsonText.key("_log_logger", out);
		JsonText.string(r.loggerName(), out);
		Attributes attrs = r.attributes();
		for (int i = 0; i < attrs.size(); i++) {
			String k = attrs.keyAt(i);
			if (k.equals("id") || k.equals("_id") || !FIELD_NAME.matcher(k).matches()) {
				continue;
			}
			out.append(',');
			JsonText.key(k.startsWith("_") ? k : "_" + k, out);
			JsonText.value(attrs.valueAt(i), out);
		}
		Throwable t = r.thrown();
		if (t != null) {
			String stack = Layouts.stackTrace(t);
			out.append(',');
			JsonText.key("full_message", out);
			JsonText.string(message + "\n\n" + stack, out);
			out.append(',');
			JsonText.key("_error_type", out);
			JsonText.string(t.getClass().getName(), out);
			out.append(',');
			JsonText.key("_error_stack_trace", out);
			JsonText.string(stack, out);
			if (t.getMessage() != null) {
				out.append(',');
				JsonText.key("_error_message", out);
				JsonText.string(t.getMessage(), out);
			}
		}
		out.append('}');
	}

	/** The syslog severity Logback's level maps to, as Boot's GELF formatter writes it. */
	private static int severity(Level level) {
		int v = level.value();
		if (v >= Level.ERROR.value()) {
			return 3;
		}
		if (v >= Level.WARNING.value()) {
			return 4;
		}
		if (v >= Level.INFO.value()) {
			return 6;
		}
		return 7;
	}

	@Override
	public String toString() {
		return "GelfJsonLayout{host=" + host + ", serviceVersion=" + serviceVersion + '}';
	}

	/** Builds a {@link GelfJsonLayout}; not thread-safe. */
	public static final class Builder {

		private String host;
		private String serviceVersion;
		private long pid = ProcessHandle.current().pid();

		private Builder() {
		}

		/** The {@code host} field (Boot: {@code logging.structured.gelf.host}, else the application's name); null or blank: none. */
		public Builder host(String host) {
			this.host = host == null || host.isBlank() ? null : host;
			return this;
		}

		/** The {@code _service_version} field; null or blank: none. */
		public Builder serviceVersion(String version) {
			this.serviceVersion = version == null || version.isBlank() ? null : version;
			return this;
		}

		/** The {@code _process_pid} field (default: this process's id). */
		public Builder pid(long pid) {
			this.pid = pid;
			return this;
		}

		/** The layout. */
		public GelfJsonLayout build() {
			return new GelfJsonLayout(this);
		}
	}
}
