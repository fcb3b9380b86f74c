package dev.sluice.sinks.smtp;

import java.io.IOException;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

import dev.sluice.sinks.delivery.Failure;

/**
 * What a failed send means for delivery. SMTP's own rule: a 4xx reply is transient (try again
 * later), a 5xx reply permanent (the message will not be taken as it is); a connection that fails
 * or times out is an outage (retried, and it opens the breaker). A refused login and a server
 * without the STARTTLS the configuration asks for are permanent: retrying changes nothing until
 * the configuration does. Stateless.
 */
final class SmtpFailures {

	private SmtpFailures() {
	}

	/**
	 * Whether a message was taken by at least one recipient although {@code e} was thrown (smtplib
	 * counts such a message as sent; the refused recipients are in the exception).
	 */
	static boolean sentToSome(MessagingException e) {
		return e instanceof SendFailedException && ((SendFailedException) e).getValidSentAddresses() != null
				&& ((SendFailedException) e).getValidSentAddresses().length > 0;
	}

	/** The failure {@code e} stands for; its reason names the SMTP reply code where there is one. */
	static Failure of(MessagingException e) {
		if (e instanceof AuthenticationFailedException) {
			return Failure.permanent("smtp_login_refused",
					"check the handler's credentials (the server refused the login)");
		}
		int code = replyCode(e);
		if (code >= 500) {
			return Failure.permanent("smtp_" + code, "the server refused the message: " + serverSaid(e));
		}
		if (code >= 400) {
			return Failure.transientFailure("smtp_" + code);
		}
		String text = String.valueOf(e.getMessage());
		if (text.contains("STARTTLS is required")) {
			return Failure.permanent("smtp_no_starttls",
					"the server does not offer STARTTLS, which 'secure' asks for before logging in");
		}
		if (e instanceof MailConnectException || causedByIo(e)) {
			return Failure.transientFailure("smtp_unreachable");
		}
		return Failure.transientFailure("smtp_error");
	}

	/** The SMTP reply code of the refusal, or 0 when there is none (a connection failure). */
	static int replyCode(MessagingException e) {
		MessagingException r = refusal(e);
		return r instanceof SMTPSendFailedException ? ((SMTPSendFailedException) r).getReturnCode()
				: r instanceof SMTPAddressFailedException ? ((SMTPAddressFailedException) r).getReturnCode()
				: r instanceof SMTPSenderFailedException ? ((SMTPSenderFailedException) r).getReturnCode() : 0;
	}

	/** The first of {@code e} and the exceptions it chains that carries the server's refusal, or null. */
	private static MessagingException refusal(MessagingException e) {
		for (Exception x = e; x instanceof MessagingException; x = ((MessagingException) x).getNextException()) {
			if (x instanceof SMTPSendFailedException || x instanceof SMTPAddressFailedException
					|| x instanceof SMTPSenderFailedException) {
				return (MessagingException) x;
			}
		}
		return null;
	}

	private static boolean causedByIo(Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof IOException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The first line of the server's reply to the refused command ({@code 550 5.1.1 no such user}),
	 * or of what Jakarta Mail said when there is no reply.
	 */
	static String serverSaid(MessagingException e) {
		MessagingException r = refusal(e);
		return firstLine(r != null ? r : e);
	}

	/** The first line of an exception's message. */
	static String firstLine(Exception e) {
		String m = String.valueOf(e.getMessage()).strip();
		int nl = m.indexOf('\n');
		return nl < 0 ? m : m.substring(0, nl).strip();
	}
}
