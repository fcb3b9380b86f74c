package dev.sluice.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A {@code moto_server} process (the AWS service emulator) on {@code 127.0.0.1} and a free port, for integration tests
 * that talk to a real protocol server rather than to a stand-in.
 *
 * <p>Tests find the executable with {@link #executable()} and skip, with {@link #MISSING} as the reason, when it is
 * absent. {@link #start(Path)} blocks the calling (test) thread until the server accepts connections, and fails with
 * the place of its log when the process exits or does not listen within a minute. {@link #close()} stops the process.
 */
public final class MotoServer implements AutoCloseable {

	/** Why a test is skipped when {@link #executable()} is empty. */
	public static final String MISSING = "moto_server is not on the PATH: install moto 5 with its server extra"
			+ " (pip install 'moto[server]') to run the tests against the AWS emulator";

	private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

	private final Process process;
	private final URI endpoint;

	private MotoServer(Process process, URI endpoint) {
		this.process = process;
		this.endpoint = endpoint;
	}

	/** The {@code moto_server} executable on the {@code PATH}, if there is one. */
	public static Optional<Path> executable() {
		String path = System.getenv("PATH");
		if (path == null) {
			return Optional.empty();
		}
		for (String dir : path.split(File.pathSeparator)) {
			Path candidate = Path.of(dir, "moto_server");
			if (Files.isExecutable(candidate)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

	/**
	 * Starts {@code moto_server} and waits until it listens.
	 *
	 * @param log the file that receives the server's output
	 * @throws IllegalStateException when the executable is missing, the process exits early, or it does not listen
	 *         within a minute (the message names the log file)
	 */
	public static MotoServer start(Path log) {
		Path exe = executable().orElseThrow(() -> new IllegalStateException(MISSING));
		int port = freePort();
		Process process;
		try {
			process = new ProcessBuilder(exe.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
					.redirectErrorStream(true).redirectOutput(log.toFile()).start();
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot start " + exe, e);
		}
		MotoServer server = new MotoServer(process, URI.create("http://127.0.0.1:" + port));
		try {
			server.awaitListening(port, log);
			return server;
		}
		catch (RuntimeException | InterruptedException e) {
			server.close();
			if (e instanceof InterruptedException) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while waiting for moto_server", e);
			}
			throw (RuntimeException) e;
		}
	}

	/** Where the SDK's {@code endpointOverride} points. */
	public URI endpoint() {
		return endpoint;
	}

	private void awaitListening(int port, Path log) throws InterruptedException {
		long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
		while (!accepts(port)) {
			if (!process.isAlive()) {
				throw new IllegalStateException("moto_server exited with " + process.exitValue() + "; see " + log);
			}
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException("moto_server did not listen on port " + port + " within 60 s; see "
						+ log);
			}
			process.waitFor(100, TimeUnit.MILLISECONDS); // wait for the port, or for the process to die
		}
	}

	private static boolean accepts(int port) {
		try (Socket s = new Socket()) {
			s.connect(new InetSocketAddress("127.0.0.1", port), 200);
			return true;
		}
		catch (IOException e) {
			return false;
		}
	}

	private static int freePort() {
		try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return s.getLocalPort();
		}
		catch (IOException e) {
			throw new UncheckedIOException("no free port on the loopback interface", e);
		}
	}

	/** Stops the process, forcibly after ten seconds. */
	@Override
	public void close() {
		process.destroy();
		try {
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
		catch (InterruptedException e) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public String toString() {
		return "MotoServer[" + endpoint + "]";
	}
}
