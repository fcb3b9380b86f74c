package dev.sluice.benchmarks.stacks;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What to build: where the main sink writes, how the library is set up, whether a second sink
 * stalls, and how many records a lossless run will log. Immutable.
 */
public final class StackSpec {

	private final Output output;
	private final Path directory;
	private final Profile profile;
	private final Stall stall;
	private final int records;
	private final boolean configFile;

	private StackSpec(Output output, Path directory, Profile profile, Stall stall, int records, boolean configFile) {
		this.output = Objects.requireNonNull(output, "output");
		this.directory = Objects.requireNonNull(directory, "directory");
		this.profile = Objects.requireNonNull(profile, "profile");
		this.stall = stall;
		this.records = records;
		this.configFile = configFile;
	}

	/** A stack writing to {@code target} in {@code directory} (its file is {@code bench.log}). */
	public static StackSpec of(Target target, Path directory, Profile profile) {
		Output out = target == Target.FILE ? Output.file(directory.resolve("bench.log")) : Output.noop();
		return new StackSpec(out, directory, profile, null, 0, false);
	}

	/** With a second sink that takes {@code stall}'s pause per write. */
	public StackSpec withStall(Stall newStall) {
		return new StackSpec(output, directory, profile, Objects.requireNonNull(newStall, "stall"), records, configFile);
	}

	/** The number of records a lossless run logs (Sluice's ingress is sized to hold them). */
	public StackSpec withRecords(int newRecords) {
		return new StackSpec(output, directory, profile, stall, newRecords, configFile);
	}

	/**
	 * Configured from a file in the library's own format, which {@link Stack#reload} rewrites
	 * (Sluice: dictConfig JSON read by module config; Log4j2 and Logback start from code, as their
	 * file appenders reopen the same file safely on a reload).
	 */
	public StackSpec withConfigFile() {
		return new StackSpec(output, directory, profile, stall, records, true);
	}

	public Output output() {
		return output;
	}

	public Path directory() {
		return directory;
	}

	public Profile profile() {
		return profile;
	}

	/** The stall of the second sink, or null when there is none. */
	public Stall stall() {
		return stall;
	}

	public int records() {
		return records;
	}

	public boolean configFile() {
		return configFile;
	}
}
