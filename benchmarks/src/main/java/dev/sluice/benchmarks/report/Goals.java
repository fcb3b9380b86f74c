package dev.sluice.benchmarks.report;

import java.util.ArrayList;
import java.util.List;

/** The goals of issue 12 and, for each, the figure of this run and whether it is met. */
final class Goals {

	private record Line(String goal, String figure, Boolean met, String gap) {
	}

	private final List<Line> lines = new ArrayList<>();

	/** Records a goal: {@code met} null when the run has no figure for it. */
	void add(String goal, String figure, Boolean met, String gap) {
		lines.add(new Line(goal, figure, met, gap));
	}

	String markdown() {
		StringBuilder sb = new StringBuilder("| goal | this run | met | short by |\n| --- | --- | :---: | --- |\n");
		for (Line l : lines) {
			sb.append("| ").append(l.goal()).append(" | ").append(l.figure()).append(" | ")
					.append(l.met() == null ? "n/a" : l.met() ? "yes" : "**no**").append(" | ")
					.append(l.met() != null && !l.met() ? l.gap() : "").append(" |\n");
		}
		return sb.toString();
	}
}
