package dev.sluice.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import dev.sluice.events.EventStore;
import dev.sluice.events.viewer.EventViewerServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice events serve}: the event viewer, a read-only page and JSON API over the event
 * log, live. Binds 127.0.0.1 unless told otherwise; any other address needs {@code --token-file}.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
		description = "Serve a web page and JSON API over the event log (read-only, live).")
final class EventsServeCommand implements Callable<Integer> {

	@Option(names = "--db", description = "The event database: an R2DBC URL, or the H2 path the events handler writes (default: ${DEFAULT-VALUE}).",
			defaultValue = "sluice-data/events")
	String db;

	@Option(names = "--port", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).", defaultValue = "8080")
	int port;

	@Option(names = "--bind", description = "Address to bind (default: ${DEFAULT-VALUE}).", defaultValue = "127.0.0.1")
	String bind;

	@Option(names = "--token-file", description = "A file holding the bearer token every request must carry (required to bind elsewhere than loopback).")
	Path tokenFile;

	@Option(names = "--public-url", description = "The URL users reach the viewer by, when not a loopback name (its host is accepted in Host and Origin).")
	String publicUrl;

	@Option(names = "--max-streams", description = "The most live streams open at once (default: ${DEFAULT-VALUE}); more get 429.",
			defaultValue = "16")
	int maxStreams;

	@Override
	public Integer call() throws IOException {
		String token = null;
		if (tokenFile != null) {
			if (!Files.isRegularFile(tokenFile) || !Files.isReadable(tokenFile)) {
				System.err.println("sluice events serve: --token-file " + tokenFile.toAbsolutePath() + ": cannot read it");
				return 2;
			}
			token = Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
			if (token.isEmpty()) {
				System.err.println("sluice events serve: --token-file " + tokenFile.toAbsolutePath()
						+ ": the file is empty; put the token in it");
				return 2;
			}
		}
		if (maxStreams < 1) {
			System.err.println("sluice events serve: --max-streams: expected at least 1, found " + maxStreams);
			return 2;
		}
		EventStore store = EventsCommand.open(db);
		EventViewerServer server;
		try {
			server = EventViewerServer.builder(store).host(bind).port(port).token(token).publicUrl(publicUrl)
					.maxStreams(maxStreams).build().start();
		}
		catch (IllegalStateException | IllegalArgumentException e) {
			System.err.println("sluice events serve: " + e.getMessage());
			return 2;
		}
		System.err.println("sluice: serving the event log at " + server.url() + (token == null ? "" : " (token required)")
				+ "; Ctrl-C stops");
		Runtime.getRuntime().addShutdownHook(new Thread(server::close, "sluice-viewer-stop"));
		server.awaitClose();
		return 0;
	}
}
