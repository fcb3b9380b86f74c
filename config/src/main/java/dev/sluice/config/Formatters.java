package dev.sluice.config;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.sink.Layout;
import dev.sluice.pipeline.sink.Layouts;

/**
 * The one place where a formatter definition becomes a {@link Layout}.
 *
 * <p>INTERIM: a small %-style stand-in until {@code dev.sluice.pipeline.format.PythonFormatter}
 * lands on main; then this class only calls its builder.
 */
final class Formatters {

	private static final Pattern FIELD = Pattern.compile("%\\((\\w+)\\)[-#0 +]*\\d*(?:\\.\\d+)?[sdifrx]");
	private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

	private Formatters() {
	}

	/**
	 * The layout of {@code def}.
	 *
	 * @throws IllegalArgumentException naming the problem when the format cannot be compiled
	 */
	static Layout layout(FormatterDef def) {
		if (!"%".equals(def.style())) {
			throw new IllegalArgumentException("style '" + def.style() + "' is not supported yet");
		}
		String fmt = def.format() == null || def.format().isEmpty() ? "%(message)s" : def.format();
		List<Object> parts = new ArrayList<>();
		Matcher m = FIELD.matcher(fmt);
		int last = 0;
		while (m.find()) {
			parts.add(fmt.substring(last, m.start()).replace("%%", "%"));
			parts.add(new String[] {m.group(1)});
			last = m.end();
		}
		String tail = fmt.substring(last);
		if (def.validate() && parts.isEmpty()) {
			throw new IllegalArgumentException("invalid format '" + fmt + "': no fields found");
		}
		parts.add(tail.replace("%%", "%"));
		ZoneId zone = def.utc() ? ZoneOffset.UTC : ZoneId.systemDefault();
		return (LogRecord r, StringBuilder out) -> {
			for (Object p : parts) {
				if (p instanceof String) {
					out.append((String) p);
				}
				else {
					String field = ((String[]) p)[0];
					switch (field) {
						case "message": out.append(r.message()); break;
						case "levelname": out.append(r.level().name()); break;
						case "levelno": out.append(r.level().value()); break;
						case "name": out.append(r.loggerName()); break;
						case "threadName": out.append(r.threadName()); break;
						case "asctime": out.append(ASCTIME.format(r.instant().atZone(zone))); break;
						default:
							Object v = r.attributes().get(field);
							out.append(v == null ? "" : v);
					}
				}
			}
			Layouts.appendThrowable(r.thrown(), out);
		};
	}
}
