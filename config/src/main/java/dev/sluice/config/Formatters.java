package dev.sluice.config;

import java.util.List;
import java.util.Map;

import dev.sluice.layouts.PythonFormatter;
import dev.sluice.pipeline.sink.Layout;

/**
 * The one place where a formatter definition becomes a {@link Layout}: Python's
 * {@code logging.Formatter} semantics through {@link PythonFormatter}.
 */
final class Formatters {

	/**
	 * Django's {@code django.utils.log.ServerFormatter} (its {@code DEFAULT_LOGGING}'s
	 * {@code django.server} formatter): a {@code logging.Formatter} whose default time format is
	 * {@code %d/%b/%Y %H:%M:%S} and which, when its format holds <code>{server_time}</code>, gives a
	 * record without a {@code server_time} attribute the formatted time. Django colours the message
	 * by the record's {@code status_code} only when stdout is a terminal; Sluice never does.
	 */
	static final String DJANGO_SERVER = "django.utils.log.ServerFormatter";

	private Formatters() {
	}

	/**
	 * The layout of {@code def}; immutable and thread-safe.
	 *
	 * @throws IllegalArgumentException naming the problem when CPython would reject the format
	 */
	@SuppressWarnings("unchecked")
	static Layout layout(FormatterDef def) {
		if (StructuredLayouts.names(def.className())) {
			return StructuredLayouts.layout(def.className(), def.options());
		}
		if (dev.sluice.layouts.PythonJsonFormatter.CLASS_NAMES.contains(def.className())) {
			Map<String, Object> o = def.options();
			dev.sluice.layouts.PythonJsonFormatter.Builder b = dev.sluice.layouts.PythonJsonFormatter
					.builder().format(def.format()).datefmt(def.datefmt()).utc(def.utc());
			if (o.get("rename_fields") != null) {
				Map<String, String> rename = new java.util.LinkedHashMap<>();
				((Map<String, Object>) o.get("rename_fields")).forEach((k, v) -> rename.put(k, String.valueOf(v)));
				b.renameFields(rename);
			}
			if (o.get("static_fields") != null) {
				b.staticFields((Map<String, Object>) o.get("static_fields"));
			}
			if (o.get("reserved_attrs") != null) {
				List<String> reserved = new java.util.ArrayList<>();
				((List<Object>) o.get("reserved_attrs")).forEach(x -> reserved.add(String.valueOf(x)));
				b.reservedAttrs(reserved);
			}
			Object ts = o.get("timestamp");
			if (ts instanceof String) {
				b.timestamp((String) ts);
			}
			else if (Boolean.TRUE.equals(ts)) {
				b.timestamp("timestamp");
			}
			if (o.get("json_ensure_ascii") != null) {
				b.ensureAscii(Boolean.TRUE.equals(o.get("json_ensure_ascii")));
			}
			if (o.get("prefix") != null) {
				b.prefix(String.valueOf(o.get("prefix")));
			}
			return b.build();
		}
		PythonFormatter.Builder python = PythonFormatter.builder();
		if (UvicornFormatters.NAMES.contains(def.className())) {
			python.fields(UvicornFormatters.fields(def.className(), Boolean.TRUE.equals(def.options().get("use_colors"))));
		}
		if (DJANGO_SERVER.equals(def.className())) {
			python.defaultTimeFormat("%d/%b/%Y %H:%M:%S");
			if (def.format() != null && def.format().contains("{server_time}")) {
				python.timeField("server_time");
			}
		}
		return python
				.format(def.format())
				.datefmt(def.datefmt())
				.style(def.style())
				.validate(def.validate())
				.utc(def.utc())
				.defaults(def.defaults())
				.build();
	}
}
