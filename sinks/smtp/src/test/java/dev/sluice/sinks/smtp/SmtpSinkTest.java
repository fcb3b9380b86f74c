package dev.sluice.sinks.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sluice.pipeline.ShutdownReport;
import dev.sluice.pipeline.SinkReport;
import dev.sluice.pipeline.sink.SinkEnvironment;
import dev.sluice.pipeline.sink.SinkSpec;
import dev.sluice.pipeline.sink.options.InvalidConfigException;
import dev.sluice.pipeline.sink.options.SinkOptions;

/**
 * The SMTP sink against GreenMail (a real SMTP server, on loopback) and a scripted server for the
 * refusals GreenMail does not make: one message a record with CPython's headers, a login, 4xx
 * retried, 5xx dropped with its code, an unreachable server handed to the fallback, every
 * configuration problem at once, never the password.
 */
class SmtpSinkTest {

	@TempDir
	Path dir;

	private GreenMail mail;

	@AfterEach
	void stop() {
		if (mail != null) {
			mail.stop();
		}
	}

	private GreenMail start(GreenMailConfiguration config) {
		mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
		mail.withConfiguration(config);
		mail.start();
		return mail;
	}

	static String config(int port, String extra) {
		return "{'version': 1, 'formatters': {'f': {'format': '%(levelname)s %(name)s: %(message)s'}},"
				+ " 'handlers': {'mail': {'class': 'logging.handlers.SMTPHandler', 'level': 'ERROR', 'formatter': 'f',"
				+ " 'mailhost': ['127.0.0.1', " + port + "], 'fromaddr': 'app@example.com',"
				+ " 'toaddrs': ['oncall@example.com', 'dev@example.com'], 'subject': 'Application error \u00e9'" + extra
				+ "}, 'spare': {'class': 'logging.NullHandler'}}, 'root': {'level': 'DEBUG', 'handlers': ['mail']}}";
	}

	private static ShutdownReport shutdown(SmtpPipeline p) {
		return p.sluice.shutdown(Duration.ofSeconds(60)).block(Duration.ofSeconds(90));
	}

	private static String body(MimeMessage m) throws Exception {
		return ((String) m.getContent()).replace("\r\n", "\n");
	}

	@Test
	void mailsEachRecordAsOneMessageWithCPythonsHeaders() throws Exception {
		start(GreenMailConfiguration.aConfig());
		SmtpPipeline p = new SmtpPipeline(config(mail.getSmtp().getPort(), ""), dir);
		ZonedDateTime before = ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS);
		p.sluice.logger("app").error("disk full");
		p.sluice.logger("app").warn("below the handler's level");
		p.sluice.logger("app.db").error("two\nlines");
		SinkReport s = shutdown(p).sink("mail");
		assertThat(s.delivered()).as("%s", s).isEqualTo(2);

		MimeMessage[] got = mail.getReceivedMessagesForDomain("example.com");
		assertThat(got).hasSize(4); // each message to both recipients
		Map<String, Integer> perRecipient = new HashMap<>();
		for (MimeMessage m : got) {
			assertThat(Arrays.stream(m.getFrom()).map(Address::toString)).containsExactly("app@example.com");
			assertThat(m.getHeader("To", ",")).isEqualTo("oncall@example.com,dev@example.com");
			assertThat(m.getSubject()).isEqualTo("Application error \u00e9");
			assertThat(m.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=utf-8");
			ZonedDateTime date = ZonedDateTime.parse(m.getHeader("Date", null),
					java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME);
			assertThat(date).isBetween(before, ZonedDateTime.now().plusSeconds(1));
			for (Address a : m.getAllRecipients()) {
				perRecipient.merge(a.toString(), 1, Integer::sum);
			}
		}
		// GreenMail keeps the body without the line break before the end of DATA (the scripted server's test sees it)
		assertThat(List.of(body(got[0]), body(got[1]), body(got[2]), body(got[3])))
				.containsOnly("ERROR app: disk full", "ERROR app.db: two\nlines");
		assertThat(p.status()).isEmpty();
	}

	@Test
	void logsInWithItsCredentialsAndAWrongPasswordIsReportedWithoutIt() throws Exception {
		start(GreenMailConfiguration.aConfig().withUser("app@example.com", "app", "s3cret-from-env"));
		SmtpPipeline ok = new SmtpPipeline(config(mail.getSmtp().getPort(),
				", 'credentials': ['app', '${env:SMTP_PASSWORD}']"), dir);
		ok.sluice.logger("app").error("with a login");
		assertThat(shutdown(ok).sink("mail").delivered()).isEqualTo(1);
		assertThat(mail.getReceivedMessages()).hasSize(2);

		SmtpPipeline wrong = new SmtpPipeline(config(mail.getSmtp().getPort(),
				", 'credentials': ['app', 'not-the-password']"), dir);
		wrong.sluice.logger("app").error("refused");
		SinkReport s = shutdown(wrong).sink("mail");
		assertThat(s.droppedByReason()).isEqualTo(Map.of("smtp_login_refused", 1L));
		assertThat(wrong.status()).contains("credentials").doesNotContain("not-the-password");
		assertThat(wrong.sluice.toString() + s).doesNotContain("not-the-password");
	}

	@Test
	void aRefusedRecipientDropsTheRecordWithTheReplyCode() throws Exception {
		try (ScriptedSmtpServer server = new ScriptedSmtpServer()) {
			server.answer("RCPT", "550 5.1.1 no such user");
			SmtpPipeline p = new SmtpPipeline(config(server.port(), ""), dir);
			for (int i = 0; i < 3; i++) {
				p.sluice.logger("app").error("refused {}", i);
			}
			SinkReport s = shutdown(p).sink("mail");
			assertThat(s.droppedByReason()).isEqualTo(Map.of("smtp_550", 3L));
			assertThat(server.messages()).isEmpty();
			assertThat(p.status()).contains("550").contains("no such user");
		}
	}

	@Test
	void aTransientRefusalIsTriedAgain() throws Exception {
		try (ScriptedSmtpServer server = new ScriptedSmtpServer()) {
			server.answer("DATA", "451 4.3.0 try again later");
			SmtpPipeline p = new SmtpPipeline(config(server.port(),
					", 'retry_min_backoff': '10ms', 'retry_max_backoff': '20ms', 'retry_max_attempts': 3"), dir);
			p.sluice.logger("app").error("later");
			SinkReport s = shutdown(p).sink("mail");
			assertThat(s.droppedByReason()).as("%s", s).containsOnlyKeys("retries_exhausted");
			assertThat(p.status()).contains("last failure: smtp_451");
			assertThat(server.commands().stream().filter(c -> c.equals("DATA")).count()).isEqualTo(3);
			assertThat(s.retried()).isEqualTo(2);
		}
	}

	@Test
	void aRecipientRefusedBesideOneThatTakesItIsDeliveredAsSmtplibDoes() throws Exception {
		try (ScriptedSmtpServer server = new ScriptedSmtpServer()) {
			SmtpPipeline p = new SmtpPipeline(config(server.port(), ""), dir);
			server.answer("RCPT TO:<dev@example.com>", "550 5.1.1 no such user");
			p.sluice.logger("app").error("taken");
			SinkReport s = shutdown(p).sink("mail");
			assertThat(s.delivered()).isEqualTo(1);
			assertThat(server.messages()).hasSize(1);
			assertThat(server.commands()).contains("RCPT TO:<oncall@example.com>", "RCPT TO:<dev@example.com>");
			// the body as sent: each line ends once, as Python's EmailMessage.set_content makes it
			assertThat(server.messages().get(0)).endsWith("\n\nERROR app: taken\n");
		}
	}

	@Test
	void withSecureTheLoginNeverGoesOutWithoutStartTls() throws Exception {
		try (ScriptedSmtpServer server = new ScriptedSmtpServer()) { // offers no STARTTLS
			SmtpPipeline p = new SmtpPipeline(config(server.port(), ", 'credentials': ['app', 'hunter2'], 'secure': []"),
					dir);
			p.sluice.logger("app").error("not over plain text");
			SinkReport s = shutdown(p).sink("mail");
			assertThat(s.droppedByReason()).isEqualTo(Map.of("smtp_no_starttls", 1L));
			assertThat(server.commands()).noneMatch(c -> c.toUpperCase(java.util.Locale.ROOT).startsWith("AUTH")
					|| c.toUpperCase(java.util.Locale.ROOT).startsWith("MAIL"));
			assertThat(p.status()).contains("STARTTLS").doesNotContain("hunter2");
		}
	}

	@Test
	void anUnreachableServerHandsTheRecordsToTheFallback() throws Exception {
		int port;
		try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
			port = s.getLocalPort(); // closed: nothing listens there
		}
		SmtpPipeline p = new SmtpPipeline(config(port, ", 'fallback': 'spare', 'retry_min_backoff': '10ms',"
				+ " 'retry_max_backoff': '20ms', 'retry_max_time': '300ms'"), dir);
		for (int i = 0; i < 5; i++) {
			p.sluice.logger("app").error("nobody there {}", i);
		}
		ShutdownReport r = shutdown(p);
		assertThat(r.sink("mail").fallback()).as("%s", r.sink("mail")).isEqualTo(5);
		assertThat(r.sink("spare").delivered()).isEqualTo(5);
	}

	@Test
	void everyConfigurationProblemIsListedAndThePasswordNever() {
		Map<String, Object> o = new HashMap<>();
		o.put("mailhost", List.of("smtp.example.com", 70_000));
		o.put("fromaddr", "not an address@@");
		o.put("toaddrs", List.of());
		o.put("credentials", List.of("app"));
		o.put("secure", List.of("key.pem"));
		o.put("timeout", 0);
		SinkSpec spec = new SinkSpec("mail", "logging.handlers.SMTPHandler", new SinkOptions("/handlers/mail", o),
				(r, out) -> out.append(r.message()), SinkEnvironment.defaults());
		assertThatThrownBy(() -> new SmtpSinkProvider().create(spec)).isInstanceOf(InvalidConfigException.class)
				.hasMessageContaining("/handlers/mail/mailhost: expected a port from 1 to 65535, found 70000")
				.hasMessageContaining("/handlers/mail/fromaddr: 'not an address@@' is not an e-mail address")
				.hasMessageContaining("/handlers/mail/toaddrs: names no address")
				.hasMessageContaining("/handlers/mail/subject: is required")
				.hasMessageContaining("/handlers/mail/credentials: expected [username, password]")
				.hasMessageContaining("/handlers/mail/secure: key and certificate files are not supported")
				.hasMessageContaining("/handlers/mail/timeout: must be positive");

		o.clear();
		o.put("mailhost", "smtp.example.com:587");
		o.put("fromaddr", "app@example.com");
		o.put("toaddrs", "oncall@example.com");
		o.put("subject", "s");
		o.put("credentials", List.of("app", "hunter2"));
		o.put("secure", List.of());
		SmtpSettings settings = SmtpSettings.read(new SinkOptions("/handlers/mail", o));
		assertThat(settings.port()).isEqualTo(587);
		assertThat(settings.host()).isEqualTo("smtp.example.com");
		assertThat(settings.toAddresses()).containsExactly("oncall@example.com");
		assertThat(settings.startTls()).isTrue();
		assertThat(settings.toString()).doesNotContain("hunter2");
		assertThat(new SinkOptions("/handlers/mail", o).toString()).doesNotContain("hunter2");
	}

	@Test
	void theBodyEndsEachLineOnceAsPythonsSetContent() {
		assertThat(SmtpMailer.body("a")).isEqualTo("a\n");
		assertThat(SmtpMailer.body("a\n")).isEqualTo("a\n");
		assertThat(SmtpMailer.body("a\r\nb\rc\nd")).isEqualTo("a\nb\nc\nd\n");
		assertThat(SmtpMailer.body("a\n\n")).isEqualTo("a\n\n");
		assertThat(SmtpMailer.body("")).isEqualTo("\n");
	}
}
