/**
 * The SMTP sink: one e-mail a record, for handlers of class {@code logging.handlers.SMTPHandler},
 * {@code smtp} or {@code sluice.smtp}, with CPython's options.
 *
 * <pre>{@code
 * "mail": {
 *   "class": "logging.handlers.SMTPHandler", "level": "ERROR",
 *   "mailhost": ["smtp.example.com", 587], "fromaddr": "app@example.com",
 *   "toaddrs": ["oncall@example.com"], "subject": "Application error",
 *   "credentials": ["app", "${env:SMTP_PASSWORD}"], "secure": [],
 *   "fallback": "error_file"
 * }
 * }</pre>
 */
package dev.sluice.sinks.smtp;
