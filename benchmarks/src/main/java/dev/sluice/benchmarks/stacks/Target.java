package dev.sluice.benchmarks.stacks;

/** Where the main sink of a stack writes. */
public enum Target {
	/** A file in a fresh temporary directory, written by each library's file appender/sink. */
	FILE,
	/** A stream that keeps nothing (it counts lines): each library still formats and encodes every record. */
	NOOP
}
