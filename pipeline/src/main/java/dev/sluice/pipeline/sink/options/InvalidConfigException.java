package dev.sluice.pipeline.sink.options;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration was rejected; {@link #problems()} lists every problem found, not just the
 * first. The message never contains a secret's value.
 */
public final class InvalidConfigException extends RuntimeException {

	/** The problems, in the order found. */
	private final List<ConfigProblem> problems;

	/**
	 * A refusal listing every problem found.
	 *
	 * @param problems every problem; at least one
	 */
	public InvalidConfigException(List<ConfigProblem> problems) {
		super(render(problems), null, false, false);
		if (problems.isEmpty()) {
			throw new IllegalArgumentException("an invalid config has at least one problem");
		}
		this.problems = List.copyOf(problems);
	}

	/**
	 * A refusal for one problem.
	 *
	 * @param problem the problem
	 */
	public InvalidConfigException(ConfigProblem problem) {
		this(List.of(problem));
	}

	/** {@return every problem, in the order found} */
	public List<ConfigProblem> problems() {
		return problems;
	}

	private static String render(List<ConfigProblem> problems) {
		return problems.stream().map(ConfigProblem::toString)
				.collect(Collectors.joining("\n  ", problems.size() + " problem(s) in the configuration:\n  ", ""));
	}
}
