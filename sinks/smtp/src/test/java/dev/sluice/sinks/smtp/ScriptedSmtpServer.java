package dev.sluice.sinks.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback SMTP server whose replies a test scripts: by default it takes every message (250);
 * {@link #answer} makes a command (MAIL, RCPT, DATA: the reply after the message's end) answer
 * with a given line instead. It keeps the messages it took. One connection at a time, as the sink
 * makes them.
 */
final class ScriptedSmtpServer implements AutoCloseable {

	private final ServerSocket socket;
	private final Map<String, String> answers = new ConcurrentHashMap<>();
	private final List<String> messages = new CopyOnWriteArrayList<>();
	private final List<String> commands = new CopyOnWriteArrayList<>();
	private final Thread thread;

	ScriptedSmtpServer() throws IOException {
		socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		thread = new Thread(this::serve, "scripted-smtp");
		thread.setDaemon(true);
		thread.start();
	}

	int port() {
		return socket.getLocalPort();
	}

	/**
	 * From now on, {@code command} (MAIL, RCPT or DATA, or one whole command line such as
	 * {@code RCPT TO:<a@example.com>}) is answered with {@code reply}, e.g. {@code 550 5.1.1 no such user}.
	 */
	void answer(String command, String reply) {
		answers.put(command, reply);
	}

	/** The messages taken (their text as sent, headers and body). */
	List<String> messages() {
		return List.copyOf(messages);
	}

	/** Every command received, in order. */
	List<String> commands() {
		return List.copyOf(commands);
	}

	private void serve() {
		while (!socket.isClosed()) {
			try (Socket s = socket.accept()) {
				session(s);
			}
			catch (IOException e) {
				// closed, or the client went away: next connection
			}
		}
	}

	private void session(Socket s) throws IOException {
		BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
		OutputStream out = s.getOutputStream();
		reply(out, "220 scripted ESMTP");
		String line;
		while ((line = in.readLine()) != null) {
			commands.add(line);
			String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
			switch (verb) {
				case "EHLO":
					reply(out, "250-scripted\r\n250 8BITMIME");
					break;
				case "HELO": case "RSET": case "NOOP":
					reply(out, "250 OK");
					break;
				case "MAIL": case "RCPT":
					reply(out, answers.getOrDefault(line, answers.getOrDefault(verb, "250 OK")));
					break;
				case "DATA":
					reply(out, "354 go ahead");
					StringBuilder m = new StringBuilder();
					String l;
					while ((l = in.readLine()) != null && !l.equals(".")) {
						m.append(l.startsWith("..") ? l.substring(1) : l).append('\n');
					}
					String answer = answers.getOrDefault("DATA", "250 OK");
					if (answer.startsWith("2")) {
						messages.add(m.toString());
					}
					reply(out, answer);
					break;
				case "QUIT":
					reply(out, "221 bye");
					return;
				default:
					reply(out, "502 not implemented");
			}
		}
	}

	private static void reply(OutputStream out, String text) throws IOException {
		out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	@Override
	public void close() throws IOException {
		socket.close();
	}
}
