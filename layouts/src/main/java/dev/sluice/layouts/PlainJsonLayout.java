package dev.sluice.layouts;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.sluice.context.Attributes;
import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.sink.Layout;
import dev.sluice.pipeline.sink.Layouts;

/**
 * The plain JSON object a CloudWatch transactional log wants: the message and the record's extra
 * fields as top-level keys, nothing else unless asked for. A Python call
 * {@code LOGGER.info("Organization was successfully added", extra={"organization_id": "123"})},
 * made in Java as a record with the attribute {@code organization_id}, gives
 * <pre>{"message":"Organization was successfully added","organization_id":"123"}</pre>
 *
 * <p>{@link Builder#recordFields} adds LogRecord attributes by their Python names, after the
 * message and typed as Python types them ({@code levelname} a string, {@code levelno} and
 * {@code lineno} numbers, {@code created} seconds as a float, {@code asctime} as Python's default
 * text), like watchtower's {@code add_log_record_attrs}. A throwable is written as
 * {@code exc_info}, its stack trace. An attribute named like a field already written is left out
 * (Python refuses to overwrite a record attribute with {@code extra} too). Strings are escaped by
 * Jackson, so the object is always one line. Immutable and thread-safe.
 */
public final class PlainJsonLayout implements Layout {

	private final PyAttribute[] fields;
	private final String[] names;
	private final FormatContext ctx;
	private final boolean needsLocation;

	private PlainJsonLayout(List<String> recordFields, ZoneId zone, boolean utc) {
		List<PyAttribute> fs = new ArrayList<>();
		boolean loc = false;
		for (String name : recordFields) {
			PyAttribute a = PyAttribute.byName(name);
			if (a == PyAttribute.EXTRA || a == PyAttribute.MESSAGE) {
				throw new IllegalArgumentException("'" + name + "' is not a LogRecord attribute (expected one of "
						+ "asctime, created, msecs, relativeCreated, levelname, levelno, name, msg, thread, threadName, "
						+ "process, processName, module, funcName, lineno, pathname, filename)");
			}
			fs.add(a);
			loc |= a.location;
		}
		this.fields = fs.toArray(new PyAttribute[0]);
		this.names = recordFields.toArray(new String[0]);
		this.ctx = new FormatContext(zone, utc, null, "MainProcess", ProcessHandle.current().pid(),
				ProcessStart.epochNanos(), false, Map.of());
		this.needsLocation = loc;
	}

	/** The message and the extra fields only. */
	public static PlainJsonLayout of() {
		return builder().build();
	}

	public static Builder builder() {
		return new Builder();
	}

	@Override
	public void format(LogRecord r, StringBuilder out) {
		out.append('{');
		JsonText.key("message", out);
		JsonText.string(r.message(), out);
		for (PyAttribute a : fields) {
			out.append(',');
			JsonText.key(a.pyName, out);
			switch (a.kind) {
				case INT:
					out.append(a.integer(r, ctx));
					break;
				case FLOAT:
					out.append(PyStrings.repr(a.floating(r, ctx), false));
					break;
				default:
					if (a == PyAttribute.ASCTIME) {
						out.append('"');
						ctx.appendAsctime(r, out);
						out.append('"');
					}
					else {
						JsonText.string(a.string(r, ctx), out);
					}
			}
		}
		Throwable t = r.thrown();
		if (t != null) {
			out.append(',');
			JsonText.key("exc_info", out);
			JsonText.string(Layouts.stackTrace(t), out);
		}
		Attributes attrs = r.attributes();
		for (int i = 0; i < attrs.size(); i++) {
			String k = attrs.keyAt(i);
			if (!written(k, t != null)) {
				out.append(',');
				JsonText.key(k, out);
				JsonText.value(attrs.valueAt(i), out);
			}
		}
		out.append('}');
	}

	private boolean written(String key, boolean exc) {
		if (key.equals("message") || exc && key.equals("exc_info")) {
			return true;
		}
		for (String n : names) {
			if (n.equals(key)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public boolean needsLocation() {
		return needsLocation;
	}

	@Override
	public String toString() {
		return "PlainJsonLayout{message" + (names.length > 0 ? ", " + String.join(", ", names) : "") + ", extras}";
	}

	/** Builds a {@link PlainJsonLayout}; not thread-safe. */
	public static final class Builder {

		private List<String> recordFields = List.of();
		private ZoneId zone = ZoneId.systemDefault();
		private boolean utc;

		private Builder() {
		}

		/** LogRecord attributes to add, by Python name, in this order (default none). */
		public Builder recordFields(List<String> names) {
			this.recordFields = List.copyOf(Objects.requireNonNull(names, "names"));
			return this;
		}

		/** The zone of {@code asctime} (default the JVM's). */
		public Builder zone(ZoneId zone) {
			this.zone = Objects.requireNonNull(zone, "zone");
			return this;
		}

		/** {@code asctime} in UTC. */
		public Builder utc(boolean utc) {
			this.utc = utc;
			return this;
		}

		/**
		 * @throws IllegalArgumentException naming a record field that is not a LogRecord attribute
		 */
		public PlainJsonLayout build() {
			return new PlainJsonLayout(recordFields, zone, utc);
		}
	}
}
