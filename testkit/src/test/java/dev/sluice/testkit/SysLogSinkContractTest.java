package dev.sluice.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;

import dev.sluice.pipeline.console.SysLogSinkProvider;
import dev.sluice.pipeline.sink.Sink;
import dev.sluice.pipeline.sink.SinkEnvironment;
import dev.sluice.pipeline.sink.options.SinkOptions;
import dev.sluice.pipeline.sink.SinkSpec;

/**
 * Python's SysLogHandler over TCP keeps the sink contract: a loopback server the test holds counts the
 * records (each ends with NUL, as CPython frames them) until the sink closes its connection.
 */
class SysLogSinkContractTest extends SinkContract {

	private ServerSocketChannel server;
	private Thread receiver;
	private final AtomicLong records = new AtomicLong();

	@AfterEach
	void stop() throws IOException {
		if (server != null) {
			server.close();
		}
	}

	@Override
	protected Sink newSink(SinkEnvironment environment) throws IOException {
		server = ServerSocketChannel.open();
		server.bind(new InetSocketAddress("127.0.0.1", 0));
		int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
		receiver = new Thread(this::receive, "syslog-contract-receiver");
		receiver.setDaemon(true);
		receiver.start();
		SinkSpec spec = new SinkSpec("contract", "logging.handlers.SysLogHandler", SinkOptions.of(Map.of(
				"address", List.of("127.0.0.1", port), "socktype", "ext://socket.SOCK_STREAM")),
				(r, out) -> out.append(r.message()), environment);
		return new SysLogSinkProvider().create(spec);
	}

	private void receive() {
		try (SocketChannel client = server.accept()) {
			ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
			while (client.read(buf) > 0) {
				buf.flip();
				while (buf.hasRemaining()) {
					if (buf.get() == 0) {
						records.incrementAndGet();
					}
				}
				buf.clear();
			}
		}
		catch (IOException e) {
			// the server closed after the test: nothing more arrives
		}
	}

	/** The records received once the sink closed its connection (the receiver reads to the end). */
	@Override
	protected long stored() throws InterruptedException {
		receiver.join(TimeUnit.SECONDS.toMillis(30));
		return records.get();
	}
}
