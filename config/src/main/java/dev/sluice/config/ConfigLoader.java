package dev.sluice.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import dev.sluice.pipeline.RoutingPlan;
import dev.sluice.pipeline.sink.options.InvalidConfigException;
import dev.sluice.pipeline.sink.SinkEnvironment;

/**
 * Reads dictConfig files into validated {@link LoggingConfig}s and turns them into
 * {@link RoutingPlan}s. Immutable and thread-safe; each {@code with...} returns a copy.
 *
 * <p>Reading goes: parse (JSON, or YAML for {@code .yaml}/{@code .yml}) -> {@code ${env:..}} and
 * {@code ${file:..}} substitution -> {@code cfg://} references -> the schema, with every name,
 * level, format and pattern checked -> each handler's options checked by its sink provider,
 * which makes the sink and closes it again. All problems of a file are reported together, each
 * at the file and JSON pointer. Reading blocks (file I/O, making probe sinks): call it off
 * Reactor's non-blocking threads.
 */
public final class ConfigLoader {

	private final Function<String, String> env;
	private final SinkProviders providers;
	private final SinkEnvironment sinkEnvironment;

	private ConfigLoader(Function<String, String> env, SinkProviders providers, SinkEnvironment sinkEnvironment) {
		this.env = env;
		this.providers = providers;
		this.sinkEnvironment = sinkEnvironment;
	}

	/** The process environment, the providers on the class path, the default sink environment. */
	public static ConfigLoader defaults() {
		return new ConfigLoader(System::getenv, SinkProviders.load(null), SinkEnvironment.defaults());
	}

	/** Where {@code ${env:NAME}} looks names up (default {@link System#getenv(String)}). */
	public ConfigLoader withEnv(Function<String, String> lookup) {
		return new ConfigLoader(Objects.requireNonNull(lookup, "lookup"), providers, sinkEnvironment);
	}

	public ConfigLoader withEnv(Map<String, String> variables) {
		Map<String, String> copy = Map.copyOf(variables);
		return withEnv(copy::get);
	}

	/** The handler classes to know (default: every provider {@link java.util.ServiceLoader} finds). */
	public ConfigLoader withProviders(SinkProviders sinkProviders) {
		return new ConfigLoader(env, Objects.requireNonNull(sinkProviders, "sinkProviders"), sinkEnvironment);
	}

	/** The environment probe sinks are made with (base directory for relative file names, clock). */
	public ConfigLoader withSinkEnvironment(SinkEnvironment environment) {
		return new ConfigLoader(env, providers, Objects.requireNonNull(environment, "environment"));
	}

	public SinkProviders providers() {
		return providers;
	}

	/**
	 * Reads and validates {@code file}.
	 *
	 * @throws InvalidConfigException listing every problem, each located as {@code file:/pointer}
	 */
	public LoggingConfig read(Path file) {
		return read(file, Set.of());
	}

	/** As {@link #read(Path)}, skipping the provider check of handlers already known valid. */
	LoggingConfig read(Path file, Set<HandlerIdentity> probed) {
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(file);
		}
		catch (NoSuchFileException e) {
			Problems p = new Problems(file.toString());
			p.add("/", "expected a config file, found no file " + file.toAbsolutePath());
			throw new InvalidConfigException(p.located());
		}
		catch (IOException e) {
			Problems p = new Problems(file.toString());
			p.add("/", "expected a readable config file, found an error: " + e);
			throw new InvalidConfigException(p.located());
		}
		Path dir = file.toAbsolutePath().getParent();
		return parse(bytes, file.toString(), dir != null ? dir : Path.of("").toAbsolutePath(), probed);
	}

	/**
	 * Validates a config given as bytes; {@code fileName} names it in problems and chooses the
	 * format, {@code baseDirectory} resolves relative {@code ${file:..}} paths.
	 *
	 * @throws InvalidConfigException listing every problem
	 */
	public LoggingConfig parse(byte[] bytes, String fileName, Path baseDirectory) {
		return parse(bytes, fileName, baseDirectory, Set.of());
	}

	LoggingConfig parse(byte[] bytes, String fileName, Path baseDirectory, Set<HandlerIdentity> probed) {
		Problems problems = new Problems(fileName);
		Map<String, Object> top = ConfigText.parse(bytes, fileName, problems);
		problems.throwIfAny();
		@SuppressWarnings("unchecked")
		Map<String, Object> substituted = (Map<String, Object>) new Substitutions(env, baseDirectory, problems)
				.apply(top, "", null);
		// no stop here: a substitution problem is one of the file's problems, all listed at once
		int beforeReferences = problems.size();
		Map<String, Object> resolved = CfgReferences.resolve(substituted, problems);
		if (problems.size() > beforeReferences) {
			problems.throwIfAny(); // a broken cfg:// leaves nothing sound to read further
		}
		ConfigReader reader = new ConfigReader(problems, providers);
		LoggingConfig config = reader.read(resolved, sha256(bytes));
		// the options of every handler that was read are checked, also when other parts have problems
		PlanFactory.probe(reader.handlersRead().values(), providers, sinkEnvironment, probed, problems);
		problems.throwIfAny();
		return config;
	}

	/**
	 * The plan of {@code config}; its sinks are made with {@code environment} (normally
	 * {@link dev.sluice.pipeline.Sluice#environment()}) when the plan is applied.
	 */
	public RoutingPlan plan(LoggingConfig config, SinkEnvironment environment) {
		return PlanFactory.plan(config, providers, environment, null);
	}

	/** As {@link #plan(LoggingConfig, SinkEnvironment)}; an incremental config's missing levels come from {@code current}. */
	public RoutingPlan plan(LoggingConfig config, SinkEnvironment environment, RoutingPlan current) {
		return PlanFactory.plan(config, providers, environment, current);
	}

	static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
		}
	}
}
