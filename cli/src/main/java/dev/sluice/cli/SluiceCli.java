package dev.sluice.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code sluice} command. Each subcommand is its own class in this package; register it in
 * {@link #commandLine()}.
 */
@Command(name = "sluice", mixinStandardHelpOptions = true, version = "sluice 0.1.0",
		description = "A reactive, asynchronous logging pipeline that never blocks the caller.")
public final class SluiceCli implements Runnable {

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	public static void main(String[] args) {
		System.exit(commandLine().execute(args));
	}

	/** The command line with every subcommand registered. */
	public static CommandLine commandLine() {
		quietLibraries();
		CommandLine cl = new CommandLine(new SluiceCli());
		cl.addSubcommand("demo", new DemoCommand());
		cl.addSubcommand("check-config", new CheckConfigCommand());
		cl.addSubcommand("ship", new ShipCommand());
		cl.addSubcommand("events", new EventsCommand());
		return cl;
	}

	/**
	 * The command's libraries log through SLF4J into Sluice's global pipeline (Python's defaults:
	 * warnings to stderr). Kafka's client warns on every transient connection problem, which the
	 * command reports itself in one line: only its errors are shown, unless a configuration
	 * ({@code -Dsluice.config}) says otherwise.
	 */
	private static void quietLibraries() {
		if (System.getProperty("sluice.config") == null && System.getenv("SLUICE_CONFIG") == null) {
			dev.sluice.pipeline.Sluice.global().setLevel("org.apache.kafka", dev.sluice.pipeline.Level.ERROR);
		}
	}

	@Override
	public void run() {
		spec.commandLine().usage(System.out);
	}
}
