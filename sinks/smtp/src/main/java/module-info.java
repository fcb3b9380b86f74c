/** E-mail through SMTP, as Python's {@code logging.handlers.SMTPHandler}: one message a record. */
module dev.sluice.sinks.smtp {
	requires dev.sluice.pipeline;
	requires dev.sluice.sinks.delivery;
	requires jakarta.mail;
	requires org.eclipse.angus.mail;

	exports dev.sluice.sinks.smtp;

	provides dev.sluice.pipeline.sink.SinkProvider with dev.sluice.sinks.smtp.SmtpSinkProvider;
}
