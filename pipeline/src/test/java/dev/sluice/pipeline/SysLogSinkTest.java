package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.sluice.pipeline.console.SysLogSinkProvider;
import dev.sluice.pipeline.sink.SinkEnvironment;
import dev.sluice.pipeline.sink.options.SinkOptions;
import dev.sluice.pipeline.sink.SinkSpec;

/**
 * Python's SysLogHandler on loopback sockets the test holds: {@code <PRI>} + the formatted record
 * + NUL, per datagram over UDP and as one stream over TCP, with CPython's priorities and facilities.
 */
class SysLogSinkTest {

	private static Sluice pipeline(Map<String, Object> options) {
		SinkSpec spec = new SinkSpec("syslog", "logging.handlers.SysLogHandler", SinkOptions.of(options),
				(r, out) -> out.append(r.loggerName()).append(": ").append(r.message()), SinkEnvironment.defaults());
		return Sluice.builder().shutdownHook(false).plan(RoutingPlan.builder()
				.handler(HandlerSpec.of("syslog", () -> new SysLogSinkProvider().create(spec)))
				.root(LoggerSpec.of(Level.DEBUG, "syslog")).build()).build();
	}

	@Test
	void udpDatagramsCarryPriorityRecordAndNul() throws Exception {
		try (DatagramChannel server = DatagramChannel.open(StandardProtocolFamily.INET)) {
			server.bind(new InetSocketAddress("127.0.0.1", 0));
			int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
			Sluice sluice = pipeline(Map.of("address", List.of("127.0.0.1", port), "facility", "local0"));
			sluice.logger("app").info("hello");
			sluice.logger("app").error("naïve ☕");
			sluice.logger("app").debug("low");
			ShutdownReport report = sluice.shutdown(Duration.ofSeconds(30)).block(Duration.ofSeconds(60));
			assertThat(report.sink("syslog").delivered()).isEqualTo(3);
			List<String> got = new ArrayList<>();
			ByteBuffer buf = ByteBuffer.allocate(2048);
			for (int i = 0; i < 3; i++) {
				buf.clear();
				server.receive(buf);
				buf.flip();
				got.add(StandardCharsets.UTF_8.decode(buf).toString());
			}
			// local0 = 16: (16 << 3) | info 6 = 134, | error 3 = 131, | debug 7 = 135
			assertThat(got).containsExactly("<134>app: hello\0", "<131>app: naïve ☕\0", "<135>app: low\0");
		}
	}

	@Test
	void tcpCarriesTheSameBytesOnOneStream() throws Exception {
		try (ServerSocketChannel server = ServerSocketChannel.open()) {
			server.bind(new InetSocketAddress("127.0.0.1", 0));
			int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
			Sluice sluice = pipeline(Map.of("address", List.of("127.0.0.1", port), "socktype", "ext://socket.SOCK_STREAM"));
			sluice.logger("app").warn("one");
			sluice.logger("app").critical("two");
			ShutdownReport report = sluice.shutdown(Duration.ofSeconds(30)).block(Duration.ofSeconds(60));
			assertThat(report.sink("syslog").delivered()).isEqualTo(2);
			try (SocketChannel client = server.accept()) {
				ByteArrayOutputStream all = new ByteArrayOutputStream();
				ByteBuffer buf = ByteBuffer.allocate(1024);
				while (client.read(buf) > 0) {
					buf.flip();
					all.write(buf.array(), 0, buf.limit());
					buf.clear();
				}
				// user = 1: (1 << 3) | warning 4 = 12, | critical 2 = 10
				assertThat(all.toString(StandardCharsets.UTF_8)).isEqualTo("<12>app: one\0<10>app: two\0");
			}
		}
	}
}
