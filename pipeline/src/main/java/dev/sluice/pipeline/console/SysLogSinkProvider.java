package dev.sluice.pipeline.console;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.sluice.pipeline.sink.Sink;
import dev.sluice.pipeline.sink.options.SinkOptions;
import dev.sluice.pipeline.sink.SinkProvider;
import dev.sluice.pipeline.sink.SinkSpec;

/**
 * {@code logging.handlers.SysLogHandler} (short name {@code syslog}): each record to a syslog
 * server as CPython writes it, {@code <PRI>} + the formatted record + a NUL (RFC 3164 framing as
 * Python's handler does it). Options as Python's: {@code address} ({@code [host, port]}, default
 * {@code ["localhost", 514]}), {@code facility} (a name such as {@code local0} or a number;
 * default {@code user}), {@code socktype} ({@code ext://socket.SOCK_DGRAM}, the default, or
 * {@code ext://socket.SOCK_STREAM}). Unix socket paths are not supported.
 */
public final class SysLogSinkProvider implements SinkProvider {

	/** Python's SysLogHandler.facility_names. */
	static final Map<String, Integer> FACILITIES = Map.ofEntries(Map.entry("auth", 4), Map.entry("authpriv", 10),
			Map.entry("console", 14), Map.entry("cron", 9), Map.entry("daemon", 3), Map.entry("ftp", 11),
			Map.entry("kern", 0), Map.entry("lpr", 6), Map.entry("mail", 2), Map.entry("news", 7),
			Map.entry("ntp", 12), Map.entry("security", 4), Map.entry("solaris-cron", 15), Map.entry("syslog", 5),
			Map.entry("user", 1), Map.entry("uucp", 8), Map.entry("local0", 16), Map.entry("local1", 17),
			Map.entry("local2", 18), Map.entry("local3", 19), Map.entry("local4", 20), Map.entry("local5", 21),
			Map.entry("local6", 22), Map.entry("local7", 23));

	@Override
	public Set<String> classNames() {
		return Set.of("logging.handlers.SysLogHandler", "syslog");
	}

	@Override
	public Sink create(SinkSpec spec) {
		SinkOptions o = spec.options();
		Object address = o.raw("address");
		String host = "localhost";
		int port = 514;
		if (address instanceof List && ((List<?>) address).size() == 2) {
			List<?> a = (List<?>) address;
			host = String.valueOf(a.get(0));
			if (a.get(1) instanceof Number && ((Number) a.get(1)).intValue() > 0 && ((Number) a.get(1)).intValue() < 65536) {
				port = ((Number) a.get(1)).intValue();
			}
			else {
				o.problem("address", "expected [host, port] with a port from 1 to 65535, found " + a);
			}
		}
		else if (address != null) {
			o.problem("address", "expected [host, port] (a Unix socket path is not supported), found " + address);
		}
		Object f = o.raw("facility");
		int facility = 1;
		if (f instanceof Number) {
			facility = ((Number) f).intValue();
		}
		else if (f instanceof String) {
			Integer n = FACILITIES.get(((String) f).toLowerCase(Locale.ROOT));
			if (n == null) {
				o.problem("facility", "expected a syslog facility such as user or local0, found '" + f + "'");
			}
			else {
				facility = n;
			}
		}
		String socktype = o.choice("socktype", "ext://socket.SOCK_DGRAM", "ext://socket.SOCK_DGRAM",
				"ext://socket.SOCK_STREAM");
		o.validate();
		return new SysLogSink(host, port, facility, socktype.endsWith("STREAM"), spec.layout(),
				spec.environment().status());
	}
}
