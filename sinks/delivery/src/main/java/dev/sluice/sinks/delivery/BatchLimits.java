package dev.sluice.sinks.delivery;

/**
 * The most one request to the service may carry: a count of entries and a sum of entry sizes as
 * the service counts them (for CloudWatch Logs PutLogEvents: 10,000 events and 1,048,576 bytes,
 * each event counting its UTF-8 bytes plus 26). Immutable.
 */
public final class BatchLimits {

	private final int maxCount;
	private final long maxBytes;

	private BatchLimits(int maxCount, long maxBytes) {
		if (maxCount < 1) {
			throw new IllegalArgumentException("maxCount must be at least 1, was " + maxCount);
		}
		if (maxBytes < 1) {
			throw new IllegalArgumentException("maxBytes must be at least 1, was " + maxBytes);
		}
		this.maxCount = maxCount;
		this.maxBytes = maxBytes;
	}

	public static BatchLimits of(int maxCount, long maxBytes) {
		return new BatchLimits(maxCount, maxBytes);
	}

	/** Only a count limit (services without a byte limit per request). */
	public static BatchLimits count(int maxCount) {
		return new BatchLimits(maxCount, Long.MAX_VALUE);
	}

	public int maxCount() {
		return maxCount;
	}

	public long maxBytes() {
		return maxBytes;
	}

	@Override
	public String toString() {
		return "BatchLimits{maxCount=" + maxCount + ", maxBytes=" + maxBytes + '}';
	}
}
