package dev.sluice.sinks.smtp;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * Sends one record's text as one e-mail, as CPython's {@code SMTPHandler.emit} does: a new SMTP
 * connection (STARTTLS and login when configured), {@code From}, {@code To} (the addresses joined
 * by commas), {@code Subject}, {@code Date} (the time of sending, in the local zone) and a
 * {@code text/plain; charset=utf-8} body whose lines end in one line break each, then QUIT. The
 * envelope goes to every address of {@code toaddrs}; a message some of them refuse still goes to
 * the others (smtplib raises only when every recipient is refused).
 *
 * <p>Threading: {@link #send} blocks (socket I/O, bounded by the timeout) and is called on a
 * blocking-capable thread only, never on a Reactor non-blocking one. Thread-safe.
 */
final class SmtpMailer {

	/** RFC 5322's date, as {@code email.utils.format_datetime} writes it. */
	static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ROOT);

	private final SmtpSettings settings;
	private final Session session;
	private final InternetAddress[] to;
	/** The {@code To} header: the addresses as written, joined by commas (as CPython). */
	private final String toHeader;

	/** A mailer for {@code settings}, whose addresses {@link SmtpSettings#read} has checked. */
	SmtpMailer(SmtpSettings settings) {
		this.settings = settings;
		Properties p = new Properties();
		p.setProperty("mail.smtp.host", settings.host());
		p.setProperty("mail.smtp.port", Integer.toString(settings.port()));
		String millis = Long.toString(settings.timeout().toMillis());
		p.setProperty("mail.smtp.connectiontimeout", millis);
		p.setProperty("mail.smtp.timeout", millis);
		p.setProperty("mail.smtp.writetimeout", millis);
		p.setProperty("mail.smtp.auth", Boolean.toString(settings.username() != null));
		p.setProperty("mail.smtp.starttls.enable", Boolean.toString(settings.startTls()));
		p.setProperty("mail.smtp.starttls.required", Boolean.toString(settings.startTls()));
		// smtplib sends to the recipients that accept and raises only when none does
		p.setProperty("mail.smtp.sendpartial", "true");
		this.session = Session.getInstance(p);
		this.to = settings.recipients();
		this.toHeader = String.join(",", settings.toAddresses());
	}

	/**
	 * Mails {@code text}. Blocks.
	 *
	 * @throws MessagingException as Jakarta Mail reports the server's refusal or a connection failure
	 */
	void send(String text, ZonedDateTime now) throws MessagingException {
		if (session.getProperty("mail.smtp.localhost") == null) {
			// the EHLO name, looked up once (Jakarta Mail would look it up for every connection)
			session.getProperties().setProperty("mail.smtp.localhost", localHostName());
		}
		MimeMessage m = new MimeMessage(session);
		m.setFrom(settings.sender());
		m.setHeader("To", toHeader);
		m.setSubject(settings.subject(), "utf-8");
		m.setHeader("Date", DATE.format(now));
		m.setText(body(text), "utf-8");
		m.saveChanges();
		Transport t = session.getTransport("smtp");
		try {
			if (settings.username() != null) {
				t.connect(settings.host(), settings.port(), settings.username(), settings.password().reveal());
			}
			else {
				t.connect();
			}
			t.sendMessage(m, to);
		}
		finally {
			t.close();
		}
	}

	/** This host's name as {@code socket.getfqdn()} gives smtplib's EHLO; {@code localhost} when it has none. */
	private static String localHostName() {
		try {
			String name = java.net.InetAddress.getLocalHost().getCanonicalHostName();
			return name == null || name.isBlank() ? "localhost" : name;
		}
		catch (java.io.IOException e) {
			return "localhost";
		}
	}

	/** The time to put in {@code Date}: now in the JVM's zone, as {@code email.utils.localtime()}. */
	static ZonedDateTime now(java.time.Clock clock) {
		return ZonedDateTime.ofInstant(clock.instant(), ZoneId.systemDefault()).withNano(0);
	}

	/**
	 * The body as Python's {@code EmailMessage.set_content} makes it: the text's lines (split at
	 * {@code \r\n}, {@code \r} and {@code \n}) each followed by one line break; an empty text is one
	 * empty line.
	 */
	static String body(String text) {
		String[] lines = text.split("\r\n|\r|\n", -1);
		int n = lines.length;
		if (n > 1 && lines[n - 1].isEmpty()) {
			n--; // a final line break ends the last line, it does not start another
		}
		StringBuilder sb = new StringBuilder(text.length() + n);
		for (int i = 0; i < n; i++) {
			sb.append(lines[i]).append('\n');
		}
		return sb.toString();
	}
}
