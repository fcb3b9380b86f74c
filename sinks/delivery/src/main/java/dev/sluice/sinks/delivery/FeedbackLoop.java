package dev.sluice.sinks.delivery;

import java.util.List;

/**
 * Which records a sink that talks HTTP must not send: the records of its own HTTP client.
 * reactor-netty and Netty log through SLF4J, and with Sluice as the SLF4J provider their records
 * (a connection error while the sink posts, say) would come back to the sink, whose sending makes
 * more of them. A sink built on the delivery engine therefore drops the records of loggers under
 * {@code io.netty} and {@code reactor.netty} (plus any prefixes it adds, e.g. its SDK's) and marks
 * them with {@link #REASON} ({@code feedback_loop}); users route those loggers to another handler
 * (a file, the console) to keep them.
 *
 * <p>Immutable and thread-safe; {@link #isFeedback} is pure and allocation-free.
 */
public final class FeedbackLoop {

	/** The drop reason of the HTTP client's own records. */
	public static final String REASON = "feedback_loop";

	/** reactor-netty's and Netty's loggers: the HTTP client every delivery sink uses. */
	public static final FeedbackLoop HTTP_CLIENT = new FeedbackLoop(List.of("io.netty", "reactor.netty"));

	private final List<String> prefixes;

	private FeedbackLoop(List<String> prefixes) {
		this.prefixes = prefixes;
	}

	/** {@link #HTTP_CLIENT}'s loggers and those under {@code more} (logger-name prefixes, e.g. an SDK's). */
	public static FeedbackLoop httpClientAnd(String... more) {
		List<String> all = new java.util.ArrayList<>(HTTP_CLIENT.prefixes);
		all.addAll(List.of(more));
		return new FeedbackLoop(List.copyOf(all));
	}

	/**
	 * Whether {@code logger} is one of the prefixes or below one, by whole name segments:
	 * {@code io.netty.channel} is, {@code io.nettyish} is not.
	 */
	public boolean isFeedback(String logger) {
		for (int i = 0; i < prefixes.size(); i++) {
			String p = prefixes.get(i);
			if (logger.startsWith(p) && (logger.length() == p.length() || logger.charAt(p.length()) == '.')) {
				return true;
			}
		}
		return false;
	}
}
