package dev.sluice.sinks.bugsnag;

/**
 * No feedback loop: reactor-netty and Netty log through SLF4J, and with Sluice as the SLF4J
 * provider their records (a connection error while this sink posts, say) would come back to this
 * sink, whose sending makes more of them. This sink therefore never sends records of loggers under
 * {@code io.netty} or {@code reactor.netty}: they are counted as dropped with reason
 * {@code feedback_loop}, as the CloudWatch sink does. Route those loggers to another handler (a
 * file, the console) to keep them. Pure.
 */
final class FeedbackLoop {

	/** The drop reason of the HTTP client's own records. */
	static final String REASON = "feedback_loop";
	private static final String[] PREFIXES = {"io.netty", "reactor.netty"};

	private FeedbackLoop() {
	}

	static boolean isFeedback(String logger) {
		for (String p : PREFIXES) {
			if (logger.startsWith(p) && (logger.length() == p.length() || logger.charAt(p.length()) == '.')) {
				return true;
			}
		}
		return false;
	}
}
