package dev.sluice.sinks.cloudwatch;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code {machine_name}} and {@code {program_name}} of stream names, as Python's
 * {@code platform.node()} and {@code os.path.basename(sys.argv[0])} give them. Called when a sink
 * is made (on the configuring thread; may read a file or ask the resolver).
 */
final class Host {

	private Host() {
	}

	static String machineName() {
		String env = System.getenv("HOSTNAME");
		if (env != null && !env.isBlank()) {
			return env.trim();
		}
		try {
			Path etc = Path.of("/etc/hostname");
			if (Files.isReadable(etc)) {
				String s = Files.readString(etc).trim();
				if (!s.isEmpty()) {
					return s;
				}
			}
		}
		catch (Exception ignored) {
			// fall through to the resolver
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (Exception e) {
			return "localhost";
		}
	}

	/** The main class's simple name, or the jar's file name, as {@code sun.java.command} starts. */
	static String programName() {
		String cmd = System.getProperty("sun.java.command", "").trim();
		if (cmd.isEmpty()) {
			return "java";
		}
		String first = cmd.split("\\s+")[0];
		int slash = Math.max(first.lastIndexOf('/'), first.lastIndexOf('\\'));
		if (first.endsWith(".jar")) {
			return first.substring(slash + 1);
		}
		int dot = first.lastIndexOf('.');
		return dot >= 0 ? first.substring(dot + 1) : first;
	}
}
