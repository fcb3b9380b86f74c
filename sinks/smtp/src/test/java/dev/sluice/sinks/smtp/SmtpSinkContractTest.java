package dev.sluice.sinks.smtp;

import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.AfterEach;

import dev.sluice.pipeline.sink.Sink;
import dev.sluice.pipeline.sink.SinkEnvironment;
import dev.sluice.pipeline.sink.SinkSpec;
import dev.sluice.pipeline.sink.options.SinkOptions;
import dev.sluice.testkit.SinkContract;

/**
 * The SMTP sink keeps the sink contract against GreenMail: every record is one message in the
 * mailbox or counted; with the server stopped, every record is counted dropped after the retries.
 */
class SmtpSinkContractTest extends SinkContract {

	private final GreenMail mail = start();

	private static GreenMail start() {
		GreenMail g = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
		g.start();
		return g;
	}

	@AfterEach
	void stop() {
		mail.stop();
	}

	@Override
	protected Sink newSink(SinkEnvironment environment) {
		SinkSpec spec = new SinkSpec("contract", "logging.handlers.SMTPHandler", SinkOptions.of(Map.of(
				"mailhost", List.of("127.0.0.1", mail.getSmtp().getPort()), "fromaddr", "app@example.com",
				"toaddrs", "oncall@example.com", "subject", "contract", "retry_min_backoff", "10ms",
				"retry_max_backoff", "20ms", "retry_max_time", "100ms")),
				(r, out) -> out.append(r.message()), environment);
		return new SmtpSinkProvider().create(spec);
	}

	/** GreenMail takes about 50 ms a message (smtplib into Python's smtpd: the same; a bare server: 4 ms). */
	@Override
	protected int records() {
		return 100;
	}

	@Override
	protected long stored() {
		return mail.getReceivedMessages().length;
	}

	@Override
	protected void breakDestination() {
		mail.stop();
	}
}
