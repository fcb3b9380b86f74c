/**
 * Loopback stand-ins for the remote services Sluice ships to: CloudWatch Logs, Slack and Bugsnag.
 *
 * <p>Each stand-in is a real HTTP server (reactor-netty's {@code HttpServer}) bound to {@code 127.0.0.1} on a free
 * port. It speaks the service's wire protocol, keeps what it accepted for the test to read back, records every
 * protocol or limit violation it sees as a {@link dev.sluice.testkit.Violation} (so that a test of a well-behaved
 * client asserts there were none), and answers faults the test scripted: error answers, slow answers (held on a
 * Reactor timer, never a sleeping thread), dropped connections, and being down until told otherwise or until an
 * instant of its clock. Time rules follow an injectable {@link java.time.Clock}: {@link dev.sluice.testkit.ManualClock}
 * moves only when the test moves it, and {@link dev.sluice.testkit.SchedulerClock} follows a Reactor scheduler's
 * (virtual) time, so that a stand-in's outage window, pacing and {@code Retry-After} move with the code under test.
 *
 * <pre>{@code
 * try (CloudWatchLogsStandIn logs = CloudWatchLogsStandIn.start(clock)) {
 *     CloudWatchLogsAsyncClient client = CloudWatchLogsAsyncClient.builder()
 *             .endpointOverride(logs.endpoint())
 *             .region(Region.EU_WEST_1)
 *             .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "x")))
 *             .build();
 *     logs.throttleNext("PutLogEvents", 2);          // then served normally
 *     // ... run the code under test ...
 *     assertThat(logs.messages("/my/group", "my-stream")).hasSize(1_000);
 *     assertThat(logs.violations()).isEmpty();
 * }
 *
 * try (SlackStandIn slack = SlackStandIn.start(clock)) {
 *     // point the code under test at slack.apiBase() (requests go to {apiBase}chat.postMessage)
 *     // or at slack.webhookUrl("ops")
 *     slack.failNext(1, "not_in_channel");
 *     assertThat(slack.texts("#alerts")).containsExactly("...");
 * }
 *
 * try (BugsnagStandIn bugsnag = BugsnagStandIn.start()) {
 *     // point the code under test at bugsnag.notifyUrl()
 *     bugsnag.failNext(3, 503);
 *     assertThat(bugsnag.events()).hasSize(1);
 * }
 * }</pre>
 *
 * <p>Stand-ins never block a Netty or Reactor thread; {@code start} and {@code close} block the calling test thread
 * while the server binds or unbinds.
 */
package dev.sluice.testkit;
