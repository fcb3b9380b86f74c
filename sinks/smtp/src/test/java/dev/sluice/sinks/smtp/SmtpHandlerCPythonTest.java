package dev.sluice.sinks.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same dictConfig file and records through CPython's {@code logging.config.dictConfig} and
 * {@code logging.handlers.SMTPHandler} (python3 runs in the test) and through Sluice, each to a
 * scripted SMTP server: the envelope and, parsed, every message's From, To, Subject, MIME type,
 * charset and text are the same. (The bytes may differ
 * where MIME lets them: the transfer encoding a library picks, header folding, a Message-ID.)
 */
class SmtpHandlerCPythonTest {

	static final List<String> MESSAGES = List.of("disk full", "two\nlines", "unicode \u00e9 \u00fc \u65e5\u672c\u8a9e \ud83c\udf89",
			"x".repeat(200), "ends with a line break\n", "", "a line that is only a dot follows\n.\n..\nend",
			"windows\r\nline\rbreaks", "tab\there and trailing spaces   ", "=?utf-8?q?not_an_encoded_word?=");

	@TempDir
	Path dir;

	@Test
	void sendsWhatCPythonsHandlerSends() throws Exception {
		assumePython();
		List<String> python;
		List<String> pythonEnvelope;
		try (ScriptedSmtpServer server = new ScriptedSmtpServer()) {
			runPython(server.port());
			python = server.messages();
			pythonEnvelope = envelope(server.commands());
		}
		List<String> sluice;
		List<String> sluiceEnvelope;
		try (ScriptedSmtpServer server = new ScriptedSmtpServer()) {
			SmtpPipeline p = new SmtpPipeline(SmtpSinkTest.config(server.port(), ""), dir);
			for (String m : MESSAGES) {
				p.sluice.logger("app").error(m);
			}
			assertThat(p.sluice.shutdown(Duration.ofSeconds(60)).block(Duration.ofSeconds(90)).sink("mail").delivered())
					.isEqualTo(MESSAGES.size());
			sluice = server.messages();
			sluiceEnvelope = envelope(server.commands());
		}
		assertThat(python).hasSize(MESSAGES.size());
		assertThat(sluice).hasSize(MESSAGES.size());
		assertThat(sluiceEnvelope).isEqualTo(pythonEnvelope);
		for (int i = 0; i < MESSAGES.size(); i++) {
			assertThat(parsed(sluice.get(i))).as("message %d (%s); CPython's:%n%s%nSluice's:%n%s", i, MESSAGES.get(i),
					python.get(i), sluice.get(i)).isEqualTo(parsed(python.get(i)));
		}
	}

	/** MAIL FROM and RCPT TO addresses, in order (smtplib writes the verbs in lower case). */
	private static List<String> envelope(List<String> commands) {
		Pattern p = Pattern.compile("(?i)^(mail from|rcpt to):\\s*<([^>]*)>");
		List<String> out = new ArrayList<>();
		for (String c : commands) {
			Matcher m = p.matcher(c);
			if (m.find()) {
				out.add(m.group(1).toLowerCase(Locale.ROOT) + " " + m.group(2));
			}
		}
		return out;
	}

	/** What a reader of the mail sees: headers decoded, the text with its line breaks as \n. */
	private static List<String> parsed(String raw) throws Exception {
		MimeMessage m = new MimeMessage(Session.getInstance(new java.util.Properties()),
				new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
		ContentType type = new ContentType(m.getContentType());
		String date = m.getHeader("Date", null);
		return List.of("From: " + m.getHeader("From", ","), "To: " + m.getHeader("To", ","),
				"Subject: " + m.getSubject(), "MIME-Version: " + m.getHeader("MIME-Version", ","),
				"type: " + type.getBaseType().toLowerCase(Locale.ROOT),
				"charset: " + type.getParameter("charset").toLowerCase(Locale.ROOT),
				"Date like 'Tue, 08 Dec 2026 01:02:03 +0000': "
						+ date.matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} [+-]\\d{4}"),
				"text: " + ((String) m.getContent()).replace("\r\n", "\n"));
	}

	private void runPython(int port) throws Exception {
		Path script = dir.resolve("cpython_smtp.py");
		try (InputStream in = getClass().getResourceAsStream("cpython_smtp.py")) {
			Files.write(script, in.readAllBytes());
		}
		Path messages = dir.resolve("messages.json");
		Files.writeString(messages, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(MESSAGES),
				StandardCharsets.UTF_8);
		Path config = Files.writeString(dir.resolve("logging.json"), SmtpSinkTest.config(port, "").replace('\'', '"'),
				StandardCharsets.UTF_8);
		ProcessBuilder pb = new ProcessBuilder("python3", script.toString(), config.toString(), messages.toString());
		pb.redirectErrorStream(true);
		Process p = pb.start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(p.exitValue()).as(out).isZero();
		// SMTPHandler reports a failed emit on stderr and goes on: a clean run prints nothing
		assertThat(out).isEmpty();
	}

	private static void assumePython() {
		boolean ok;
		try {
			Process p = new ProcessBuilder("python3", "-c", "import logging.handlers, smtplib").redirectErrorStream(true)
					.start();
			p.getInputStream().readAllBytes();
			ok = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
		}
		catch (IOException e) {
			ok = false;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			ok = false;
		}
		assumeTrue(ok, "python3 is not on the PATH: the comparison with CPython's SMTPHandler is skipped");
	}
}
