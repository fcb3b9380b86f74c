package dev.sluice.pipeline;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import dev.sluice.pipeline.sink.Sink;

/**
 * One handler: a sink (made by a factory, so that a plan can be built and validated before
 * anything is opened), its level, its filters, its buffer, and an identity that says when two
 * definitions are the same sink. When a new plan is applied, a handler whose name and identity
 * are unchanged keeps its running sink (open files and connections stay as they are); any other
 * handler gets a new sink, started before the old one is drained and closed.
 *
 * <p>Immutable; each {@code with...} returns a copy.
 */
public final class HandlerSpec {

	private final String name;
	private final Supplier<? extends Sink> sinkFactory;
	private final Object identity;
	private final Level level;
	private final List<RecordFilter> filters;
	private final BufferSpec buffer;
	private final boolean needsLocation;

	private HandlerSpec(String name, Supplier<? extends Sink> sinkFactory, Object identity, Level level,
			List<RecordFilter> filters, BufferSpec buffer, boolean needsLocation) {
		this.name = Objects.requireNonNull(name, "name");
		this.sinkFactory = Objects.requireNonNull(sinkFactory, "sinkFactory");
		this.identity = Objects.requireNonNull(identity, "identity");
		this.level = Objects.requireNonNull(level, "level");
		this.filters = List.copyOf(filters);
		this.buffer = Objects.requireNonNull(buffer, "buffer");
		this.needsLocation = needsLocation;
	}

	/**
	 * A handler named {@code name} whose sink {@code sinkFactory} makes when the plan is applied.
	 * Its identity is the factory itself until {@link #withIdentity} says otherwise.
	 *
	 * @param name the handler's name, unique in a plan
	 * @param sinkFactory makes the sink when the plan is applied; called on a plain thread, so it may block (to
	 *     open a file)
	 * @return a handler named {@code name} whose sink {@code sinkFactory} makes when the plan is applied
	 */
	public static HandlerSpec of(String name, Supplier<? extends Sink> sinkFactory) {
		return new HandlerSpec(name, sinkFactory, sinkFactory, Level.NOTSET, List.of(), BufferSpec.DEFAULT, false);
	}

	/**
	 * A handler around an existing sink instance (its identity is the instance).
	 *
	 * @param name the handler's name, unique in a plan
	 * @param sink the sink, made already; a reload with the same name and sink keeps it
	 * @return a handler around an existing sink instance (its identity is the instance)
	 */
	public static HandlerSpec ofSink(String name, Sink sink) {
		Objects.requireNonNull(sink, "sink");
		return new HandlerSpec(name, () -> sink, sink, Level.NOTSET, List.of(), BufferSpec.DEFAULT, false);
	}

	/** {@return the handler's name, as the plan's loggers refer to it} */
	public String name() {
		return name;
	}

	/**
	 * Makes the sink when the plan is applied (called on a plain thread; may block, for example to open a file).
	 *
	 * @return the factory of the handler's sink
	 */
	public Supplier<? extends Sink> sinkFactory() {
		return sinkFactory;
	}

	/** {@return the handler's identity}: equal identities (and names) mean "the same sink", kept across a reload. */
	public Object identity() {
		return identity;
	}

	/** {@return the lowest level the handler takes ({@link Level#NOTSET}: every record)} */
	public Level level() {
		return level;
	}

	/** {@return the handler's filters, applied in order on the runner's thread before the sink} */
	public List<RecordFilter> filters() {
		return filters;
	}

	/** {@return the handler's buffer: size, overflow policy and batch size} */
	public BufferSpec buffer() {
		return buffer;
	}

	/** {@return whether the sink's layout prints the caller's location} */
	public boolean needsLocation() {
		return needsLocation;
	}

	/**
	 * This handler with another level.
	 *
	 * @param newLevel the new level
	 * @return this handler with another level
	 */
	public HandlerSpec withLevel(Level newLevel) {
		return new HandlerSpec(name, sinkFactory, identity, newLevel, filters, buffer, needsLocation);
	}

	/**
	 * This handler with other filters.
	 *
	 * @param newFilters the new filters
	 * @return this handler with other filters
	 */
	public HandlerSpec withFilters(List<RecordFilter> newFilters) {
		return new HandlerSpec(name, sinkFactory, identity, level, newFilters, buffer, needsLocation);
	}

	/**
	 * This handler with another buffer.
	 *
	 * @param newBuffer the shape of the sink's buffer
	 * @return this handler with another buffer
	 */
	public HandlerSpec withBuffer(BufferSpec newBuffer) {
		return new HandlerSpec(name, sinkFactory, identity, level, filters, newBuffer, needsLocation);
	}

	/**
	 * This handler with another identity: a reload keeps the running sink of a handler whose name and identity are unchanged.
	 *
	 * @param newIdentity the identity to compare across reloads (the config's handler entry, for example)
	 * @return this handler with another identity
	 */
	public HandlerSpec withIdentity(Object newIdentity) {
		return new HandlerSpec(name, sinkFactory, newIdentity, level, filters, buffer, needsLocation);
	}

	/**
	 * This handler saying whether its layout prints the caller's location (loggers then capture it).
	 *
	 * @param newNeedsLocation whether the layout prints the caller's location
	 * @return this handler saying whether its layout prints the caller's location (loggers then capture it)
	 */
	public HandlerSpec withNeedsLocation(boolean newNeedsLocation) {
		return new HandlerSpec(name, sinkFactory, identity, level, filters, buffer, newNeedsLocation);
	}

	/**
	 * Whether {@code other} can keep running this handler's sink.
	 *
	 * @param other the handler of another plan
	 * @return {@code true} if {@code other} can keep running this handler's sink
	 */
	public boolean sameSinkAs(HandlerSpec other) {
		return name.equals(other.name) && identity.equals(other.identity) && buffer.equals(other.buffer);
	}

	@Override
	public String toString() {
		return "HandlerSpec{" + name + ", level=" + level + ", buffer=" + buffer + '}';
	}
}
