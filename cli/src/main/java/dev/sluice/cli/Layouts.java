package dev.sluice.cli;

import dev.sluice.pipeline.sink.Layout;

/** The layouts the command line uses when no config file gives one. */
final class Layouts {

	private Layouts() {
	}

	/** Jibe's "detailed" format ({@link DemoPlan#DETAILED}). */
	static Layout detailed() {
		return Layout.BASIC;
	}
}
