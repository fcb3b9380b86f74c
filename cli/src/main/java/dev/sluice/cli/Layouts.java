package dev.sluice.cli;

import dev.sluice.layouts.PythonFormatter;
import dev.sluice.pipeline.sink.Layout;

/** The layouts the command line uses when no config file gives one. */
final class Layouts {

	private Layouts() {
	}

	/** Jibe's "detailed" format ({@link DemoPlan#DETAILED}), in local time as Python's default. */
	static Layout detailed() {
		return PythonFormatter.of(DemoPlan.DETAILED);
	}
}
