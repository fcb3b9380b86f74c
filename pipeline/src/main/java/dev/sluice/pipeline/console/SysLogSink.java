package dev.sluice.pipeline.console;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.sink.Batch;
import dev.sluice.pipeline.sink.Layout;
import dev.sluice.pipeline.sink.Sink;
import dev.sluice.pipeline.sink.StatusLogger;
import dev.sluice.pipeline.sink.support.TextEncoder;
import reactor.core.publisher.Mono;

/**
 * Python's SysLogHandler: each record as {@code <PRI>message\0} in UTF-8, one datagram per record
 * over UDP, or the same bytes on one TCP connection (reopened after a failure). Runs on its
 * runner's thread (blocking sockets). A record that cannot be sent is counted
 * ({@code io_error}); the failure is reported once until a send succeeds again.
 */
final class SysLogSink implements Sink {

	private final InetSocketAddress address;
	private final int facility;
	private final boolean tcp;
	private final Layout layout;
	private final StatusLogger status;
	private final StringBuilder text = new StringBuilder(256);
	private final TextEncoder utf8 = new TextEncoder(StandardCharsets.UTF_8);
	private DatagramChannel udp;
	private SocketChannel stream;

	SysLogSink(String host, int port, int facility, boolean tcp, Layout layout, StatusLogger status) {
		this.address = new InetSocketAddress(host, port);
		this.facility = facility;
		this.tcp = tcp;
		this.layout = layout;
		this.status = status;
	}

	/** Python's SysLogHandler.mapPriority: DEBUG 7, INFO 6, WARNING 4, ERROR 3, CRITICAL 2, else warning. */
	static int priority(Level level) {
		switch (level.name()) {
			case "DEBUG":
				return 7;
			case "INFO":
				return 6;
			case "WARNING":
				return 4;
			case "ERROR":
				return 3;
			case "CRITICAL":
				return 2;
			default:
				return 4;
		}
	}

	@Override
	public Mono<Void> write(Batch batch) {
		for (LogRecord r : batch.records()) {
			text.setLength(0);
			text.append('<').append((facility << 3) | priority(r.level())).append('>');
			layout.format(r, text);
			text.append('\0');
			ByteBuffer bytes = utf8.encode(text);
			try {
				send(bytes);
				status.forget("syslog:" + address);
			}
			catch (IOException e) {
				closeQuietly();
				batch.dropped(1, "io_error");
				status.once("syslog:" + address, "syslog", "cannot send to " + address + "; such records are dropped"
						+ " (io_error) until a send works again", e);
			}
		}
		return Mono.empty();
	}

	private void send(ByteBuffer bytes) throws IOException {
		if (tcp) {
			if (stream == null) {
				stream = SocketChannel.open(address);
			}
			while (bytes.hasRemaining()) {
				stream.write(bytes);
			}
		}
		else {
			if (udp == null) {
				udp = DatagramChannel.open();
			}
			udp.send(bytes, address);
		}
	}

	private void closeQuietly() {
		try {
			if (stream != null) {
				stream.close();
			}
			if (udp != null) {
				udp.close();
			}
		}
		catch (IOException ignored) {
			// closing after a failure: nothing to save
		}
		stream = null;
		udp = null;
	}

	@Override
	public Mono<Void> close() {
		return Mono.fromRunnable(this::closeQuietly);
	}

	@Override
	public String toString() {
		return "SysLogSink{" + (tcp ? "tcp " : "udp ") + address + '}';
	}
}
