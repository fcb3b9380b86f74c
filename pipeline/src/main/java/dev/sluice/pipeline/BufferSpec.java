package dev.sluice.pipeline;

import java.time.Duration;
import java.util.Objects;

/**
 * The shape of one sink's bounded buffer: capacity, overflow policy, the block timeout, the level
 * below which records are dropped first once the buffer is over its fill mark, the largest
 * batch handed to the sink at once, and how long the runner lingers after a write so that the
 * next batch is larger. Immutable; each {@code with...} returns a copy.
 */
public final class BufferSpec {

	/** The longest {@link #linger()}: a record waits at most this long for its batch to fill (declared first: DEFAULT checks against it). */
	public static final Duration MAX_LINGER = Duration.ofSeconds(10);

	/**
	 * 16,384 records, drop_newest, a block timeout of 1 s (without progress, for the block
	 * policy), no level threshold, batches of up to 1,024 records, no linger.
	 */
	public static final BufferSpec DEFAULT = new BufferSpec(16_384, OverflowPolicy.DROP_NEWEST,
			Duration.ofSeconds(1), null, 0.8, 1_024, Duration.ZERO);


	/** {@link #DEFAULT} with the block policy: the buffer of local sinks (files, the console), lossless while they progress. */
	public static final BufferSpec LOSSLESS = DEFAULT.withPolicy(OverflowPolicy.BLOCK);

	private final int capacity;
	private final OverflowPolicy policy;
	private final Duration blockTimeout;
	private final Level discardBelow;
	private final double fillMark;
	private final int maxBatch;
	private final Duration linger;

	private BufferSpec(int capacity, OverflowPolicy policy, Duration blockTimeout, Level discardBelow,
			double fillMark, int maxBatch, Duration linger) {
		if (capacity < 2) {
			throw new IllegalArgumentException("buffer capacity must be at least 2, was " + capacity);
		}
		if (maxBatch < 1) {
			throw new IllegalArgumentException("max batch must be at least 1, was " + maxBatch);
		}
		if (!(fillMark > 0 && fillMark <= 1)) {
			throw new IllegalArgumentException("fill mark must be in (0, 1], was " + fillMark);
		}
		this.capacity = capacity;
		this.policy = Objects.requireNonNull(policy, "policy");
		this.blockTimeout = Objects.requireNonNull(blockTimeout, "blockTimeout");
		this.discardBelow = discardBelow;
		this.fillMark = fillMark;
		this.maxBatch = maxBatch;
		this.linger = Objects.requireNonNull(linger, "linger");
		if (linger.isNegative() || linger.compareTo(MAX_LINGER) > 0) {
			throw new IllegalArgumentException("linger must be from 0 to " + MAX_LINGER.toSeconds() + " s, was " + linger);
		}
	}

	/** {@return the most records the buffer holds} */
	public int capacity() {
		return capacity;
	}

	/** {@return what a full buffer does with the next record} */
	public OverflowPolicy policy() {
		return policy;
	}

	/**
	 * With {@link OverflowPolicy#BLOCK}: how long the router waits for a sink that settles nothing before treating it as stalled.
	 *
	 * @return how long a blocked router waits without progress of the sink
	 */
	public Duration blockTimeout() {
		return blockTimeout;
	}

	/** {@return the level below which records are dropped once the buffer is over the fill mark, or null: never} */
	public Level discardBelow() {
		return discardBelow;
	}

	/** {@return the fill ratio at which the runner reports the buffer as filling up} */
	public double fillMark() {
		return fillMark;
	}

	/** {@return the most records a runner hands its sink in one batch} */
	public int maxBatch() {
		return maxBatch;
	}

	/**
	 * How long the sink's runner waits after a write before the next one while fewer than
	 * {@link #maxBatch()} records are buffered, so that records coming one by one are written
	 * together (a database sink's transaction per batch costs about the same for one record as
	 * for a hundred). A record is never held longer; the wait ends at once when the buffer holds a
	 * full batch, when an ERROR record or above arrives, and for a flush or a shutdown. Zero (the
	 * default): no wait. Runners that share an output (console, file) do not linger.
	 *
	 * @return the wait after a write, from zero to {@link #MAX_LINGER}
	 */
	public Duration linger() {
		return linger;
	}

	/**
	 * This spec with another capacity.
	 *
	 * @param newCapacity records the buffer holds at most; at least 2
	 * @return this spec with another capacity
	 */
	public BufferSpec withCapacity(int newCapacity) {
		return new BufferSpec(newCapacity, policy, blockTimeout, discardBelow, fillMark, maxBatch, linger);
	}

	/**
	 * This spec with another overflow policy.
	 *
	 * @param newPolicy what a full buffer does with the next record
	 * @return this spec with another overflow policy
	 */
	public BufferSpec withPolicy(OverflowPolicy newPolicy) {
		return new BufferSpec(capacity, newPolicy, blockTimeout, discardBelow, fillMark, maxBatch, linger);
	}

	/**
	 * This spec with another stall bound for {@link OverflowPolicy#BLOCK}.
	 *
	 * @param timeout how long a blocked router waits for the sink to make progress
	 * @return this spec with another stall bound for {@link OverflowPolicy#BLOCK}
	 */
	public BufferSpec withBlockTimeout(Duration timeout) {
		return new BufferSpec(capacity, policy, timeout, discardBelow, fillMark, maxBatch, linger);
	}

	/**
	 * Drop records below {@code level} first once the buffer is over {@code mark} (0..1] full.
	 *
	 * @param level records below this level go first
	 * @param mark the fill ratio, in (0, 1], from which they do
	 * @return a copy of this spec with that threshold
	 */
	public BufferSpec withDiscardBelow(Level level, double mark) {
		return new BufferSpec(capacity, policy, blockTimeout, level, mark, maxBatch, linger);
	}

	/**
	 * This spec with another largest batch.
	 *
	 * @param newMaxBatch the most records handed to the sink at once; at least 1
	 * @return this spec with another largest batch
	 */
	public BufferSpec withMaxBatch(int newMaxBatch) {
		return new BufferSpec(capacity, policy, blockTimeout, discardBelow, fillMark, newMaxBatch, linger);
	}

	/**
	 * This spec with another {@link #linger()}.
	 *
	 * @param newLinger the wait after a write while the buffer holds less than a batch; zero to {@link #MAX_LINGER}
	 * @return this spec with another linger
	 */
	public BufferSpec withLinger(Duration newLinger) {
		return new BufferSpec(capacity, policy, blockTimeout, discardBelow, fillMark, maxBatch, newLinger);
	}

	@Override
	public boolean equals(Object o) {
		if (!(o instanceof BufferSpec)) {
			return false;
		}
		BufferSpec b = (BufferSpec) o;
		return capacity == b.capacity && policy == b.policy && blockTimeout.equals(b.blockTimeout)
				&& Objects.equals(discardBelow, b.discardBelow) && fillMark == b.fillMark && maxBatch == b.maxBatch
				&& linger.equals(b.linger);
	}

	@Override
	public int hashCode() {
		return Objects.hash(capacity, policy, blockTimeout, discardBelow, fillMark, maxBatch, linger);
	}

	@Override
	public String toString() {
		return "BufferSpec{capacity=" + capacity + ", policy=" + policy + ", blockTimeout=" + blockTimeout
				+ ", discardBelow=" + discardBelow + ", fillMark=" + fillMark + ", maxBatch=" + maxBatch + ", linger=" + linger
				+ '}';
	}
}
