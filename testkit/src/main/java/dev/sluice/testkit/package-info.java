/**
 * Loopback stand-ins for the remote services Sluice ships to (CloudWatch Logs, Slack, Bugsnag).
 *
 * <p>Each stand-in is a real HTTP server (reactor-netty) bound to {@code 127.0.0.1} on a free port. It speaks the
 * service's wire protocol, records what it received, records every protocol violation it sees (so a test can assert
 * there were none), and answers scripted faults on request. Start one in a test with its static {@code start} factory
 * and close it (it is {@link java.lang.AutoCloseable}) when the test ends.
 */
package dev.sluice.testkit;
