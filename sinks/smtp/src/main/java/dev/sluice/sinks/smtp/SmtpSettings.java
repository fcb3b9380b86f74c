package dev.sluice.sinks.smtp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import dev.sluice.pipeline.sink.options.Secret;
import dev.sluice.pipeline.sink.options.SinkOptions;

/**
 * The SMTP handler's options, validated; immutable. Names, forms and defaults are those of
 * CPython's {@code logging.handlers.SMTPHandler(mailhost, fromaddr, toaddrs, subject,
 * credentials=None, secure=None, timeout=5.0)}:
 * <ul>
 * <li>{@code mailhost}: {@code "host"}, {@code "host:port"} (as smtplib reads it) or
 * {@code ["host", port]}; the port defaults to 25;</li>
 * <li>{@code fromaddr}, {@code subject}: strings; {@code toaddrs}: one address or a list;</li>
 * <li>{@code credentials}: {@code [username, password]}; the password is a secret, never printed;</li>
 * <li>{@code secure}: with credentials, {@code []} upgrades the connection with STARTTLS before
 * logging in, and fails when the server does not offer it; CPython ignores it without credentials,
 * and so does Sluice. CPython's key-file forms ({@code [keyfile]}, {@code [keyfile, certfile]})
 * are refused: the JVM's trust store decides;</li>
 * <li>{@code timeout}: seconds for connecting and for each reply (default 5).</li>
 * </ul>
 */
final class SmtpSettings {

	static final int DEFAULT_PORT = 25;
	static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

	private final String host;
	private final int port;
	private final String fromAddress;
	private final List<String> toAddresses;
	private final InternetAddress sender;
	private final List<InternetAddress> recipients;
	private final String subject;
	private final String username;
	private final Secret password;
	private final boolean startTls;
	private final Duration timeout;

	private SmtpSettings(String host, int port, String fromAddress, List<String> toAddresses, InternetAddress sender,
			List<InternetAddress> recipients, String subject,
			String username, Secret password, boolean startTls, Duration timeout) {
		this.host = host;
		this.port = port;
		this.fromAddress = fromAddress;
		this.toAddresses = toAddresses;
		this.sender = sender;
		this.recipients = recipients;
		this.subject = subject;
		this.username = username;
		this.password = password;
		this.startTls = startTls;
		this.timeout = timeout;
	}

	/** Reads the options, recording every problem in {@code o}; the caller validates. */
	static SmtpSettings read(SinkOptions o) {
		String host = "localhost";
		int port = DEFAULT_PORT;
		Object mailhost = o.raw("mailhost");
		if (mailhost == null) {
			o.problem("mailhost", "is required (\"host\", \"host:port\" or [\"host\", port]) but is missing");
		}
		else if (mailhost instanceof String) {
			host = (String) mailhost;
			// smtplib: one colon in the host means host:port
			int colon = host.indexOf(':');
			if (colon >= 0 && colon == host.lastIndexOf(':')) {
				port = port(o, host.substring(colon + 1));
				host = host.substring(0, colon);
			}
		}
		else if (mailhost instanceof List && ((List<?>) mailhost).size() == 2
				&& ((List<?>) mailhost).get(0) instanceof String) {
			host = (String) ((List<?>) mailhost).get(0);
			port = port(o, ((List<?>) mailhost).get(1));
		}
		else {
			o.problem("mailhost", "expected \"host\", \"host:port\" or [\"host\", port]");
		}
		if (host.isBlank()) {
			o.problem("mailhost", "the host name is empty");
		}
		String from = o.requiredString("fromaddr");
		List<String> to = o.stringList("toaddrs");
		if (to.isEmpty() && !o.has("toaddrs")) {
			o.problem("toaddrs", "is required (an address or a list of addresses) but is missing");
		}
		else if (to.isEmpty()) {
			o.problem("toaddrs", "names no address");
		}
		InternetAddress sender = address(o, "fromaddr", from);
		List<InternetAddress> recipients = new ArrayList<>(to.size());
		for (String a : to) {
			recipients.add(address(o, "toaddrs", a));
		}
		String subject = o.requiredString("subject");
		String username = null;
		Secret password = null;
		Object credentials = o.raw("credentials");
		if (credentials instanceof List && ((List<?>) credentials).size() == 2) {
			Object user = ((List<?>) credentials).get(0);
			Object secret = ((List<?>) credentials).get(1);
			if (user instanceof String) {
				username = (String) user;
			}
			else if (user instanceof Secret) {
				username = ((Secret) user).reveal();
			}
			else {
				o.problem("credentials", "expected [username, password], the username is not a string");
			}
			if (secret instanceof Secret) {
				password = (Secret) secret;
			}
			else if (secret instanceof String) {
				password = Secret.of((String) secret);
			}
			else {
				o.problem("credentials", "expected [username, password], the password is not a string");
			}
		}
		else if (credentials != null) {
			// never the value: it holds a password
			o.problem("credentials", "expected [username, password]");
		}
		boolean startTls = false;
		Object secure = o.raw("secure");
		if (secure instanceof List && ((List<?>) secure).isEmpty()) {
			startTls = username != null;
		}
		else if (secure instanceof List) {
			o.problem("secure", "key and certificate files are not supported: use [] (STARTTLS, the JVM's trust store"
					+ " checks the server)");
		}
		else if (secure != null) {
			o.problem("secure", "expected [] (STARTTLS before logging in)");
		}
		Duration timeout = o.duration("timeout", DEFAULT_TIMEOUT);
		if (timeout.isZero() || timeout.isNegative()) {
			o.problem("timeout", "must be positive");
			timeout = DEFAULT_TIMEOUT;
		}
		return new SmtpSettings(host, port, from, to, sender, recipients, subject, username, password, startTls,
				timeout);
	}

	/** {@code address} parsed, or null (a problem at {@code key} when it is not an address). */
	private static InternetAddress address(SinkOptions o, String key, String address) {
		if (address == null) {
			return null;
		}
		try {
			InternetAddress parsed = new InternetAddress(address, false);
			parsed.validate();
			return parsed;
		}
		catch (AddressException e) {
			o.problem(key, "'" + address + "' is not an e-mail address (" + e.getMessage() + ")");
			return null;
		}
	}

	private static int port(SinkOptions o, Object value) {
		try {
			long p = value instanceof Number ? ((Number) value).longValue() : Long.parseLong(String.valueOf(value).trim());
			if (p < 1 || p > 65_535 || (value instanceof Number && ((Number) value).doubleValue() != p)) {
				throw new NumberFormatException();
			}
			return (int) p;
		}
		catch (NumberFormatException e) {
			o.problem("mailhost", "expected a port from 1 to 65535, found " + value);
			return DEFAULT_PORT;
		}
	}

	String host() {
		return host;
	}

	int port() {
		return port;
	}

	String fromAddress() {
		return fromAddress;
	}

	/** The {@code toaddrs} as written (immutable), for the {@code To} header. */
	List<String> toAddresses() {
		return toAddresses;
	}

	/** {@code fromaddr} parsed: the envelope's sender and the {@code From} header. */
	InternetAddress sender() {
		return sender;
	}

	/** {@code toaddrs} parsed: the envelope's recipients (a new array). */
	InternetAddress[] recipients() {
		return recipients.toArray(new InternetAddress[0]);
	}

	String subject() {
		return subject;
	}

	/** The user to log in as, or null (no AUTH). */
	String username() {
		return username;
	}

	Secret password() {
		return password;
	}

	boolean startTls() {
		return startTls;
	}

	Duration timeout() {
		return timeout;
	}

	/** Where the mail goes, for messages: host, port, recipients (never the password). */
	String target() {
		return "smtp://" + host + ":" + port + " to " + String.join(",", toAddresses);
	}

	@Override
	public String toString() {
		return "SmtpSettings{" + target() + ", from " + fromAddress + (username == null ? "" : ", user " + username
				+ ", password ***") + (startTls ? ", STARTTLS" : "") + ", timeout " + timeout + '}';
	}
}
