package dev.sluice.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.sluice.config.ConfigLoader;
import dev.sluice.config.FormatterDef;
import dev.sluice.config.HandlerDef;
import dev.sluice.config.LoggerDef;
import dev.sluice.config.LoggingConfig;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.sink.options.ConfigProblem;
import dev.sluice.pipeline.sink.options.InvalidConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice check-config FILE}: validates a dictConfig file as the pipeline would load it
 * (every handler's options checked by its sink module). Exit 0 and the tree loggers -> handlers
 * -> formatter on stdout; or exit 2 and every problem on stderr. Secrets are never printed.
 */
@Command(name = "check-config", mixinStandardHelpOptions = true,
		description = "Validate a dictConfig JSON/YAML file and show its loggers -> handlers -> formatters.")
final class CheckConfigCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "FILE", description = "The dictConfig file (.json, .yaml or .yml).")
	Path file;

	@Override
	public Integer call() {
		LoggingConfig config;
		try {
			config = ConfigLoader.defaults().read(file);
		}
		catch (InvalidConfigException e) {
			PrintStream err = System.err;
			err.println(file + ": " + e.problems().size() + " problem(s):");
			for (ConfigProblem p : e.problems()) {
				err.println("  " + p);
			}
			return 2;
		}
		print(System.out, config);
		return 0;
	}

	static void print(PrintStream out, LoggingConfig config) {
		out.println(config.source() + ": valid (" + config.handlers().size() + " handler(s), " + config.loggers().size()
				+ " logger(s)" + (config.incremental() ? ", incremental" : "")
				+ (config.disableExistingLoggers() ? ", disables existing loggers" : "") + ")");
		if (config.root() != null) {
			logger(out, config, "root", config.root());
		}
		for (Map.Entry<String, LoggerDef> e : config.loggers().entrySet()) {
			logger(out, config, e.getKey(), e.getValue());
		}
		List<HandlerDef> unused = config.handlers().values().stream().filter(h -> !used(config, h.name())).toList();
		if (!unused.isEmpty()) {
			out.println("(handlers no logger uses)");
			for (int i = 0; i < unused.size(); i++) {
				handler(out, config, unused.get(i), "  ", i == unused.size() - 1);
			}
		}
	}

	private static boolean used(LoggingConfig config, String handler) {
		if (config.root() != null && config.root().handlers().contains(handler)) {
			return true;
		}
		return config.loggers().values().stream().anyMatch(l -> l.handlers().contains(handler));
	}

	private static void logger(PrintStream out, LoggingConfig config, String name, LoggerDef l) {
		StringBuilder sb = new StringBuilder(name).append(" [");
		sb.append(l.level() != null ? l.level().name() : "root".equals(name) ? Level.WARNING.name() : "NOTSET");
		if (!"root".equals(name)) {
			sb.append(l.propagate() ? ", propagates" : ", does not propagate");
		}
		if (!l.filters().isEmpty()) {
			sb.append(", filters ").append(String.join(", ", l.filters()));
		}
		out.println(sb.append(']'));
		List<String> handlers = l.handlers();
		if (handlers.isEmpty()) {
			out.println("  (no handlers of its own)");
		}
		for (int i = 0; i < handlers.size(); i++) {
			handler(out, config, config.handlers().get(handlers.get(i)), "  ", i == handlers.size() - 1);
		}
	}

	private static void handler(PrintStream out, LoggingConfig config, HandlerDef h, String indent, boolean last) {
		out.println(indent + (last ? "└─ " : "├─ ") + h.name() + " (" + h.className() + ", " + h.level().name()
				+ (h.filters().isEmpty() ? "" : ", filters " + String.join(", ", h.filters())) + ")");
		FormatterDef f = h.formatterDef();
		String format = f.format() != null ? f.format() : "%(message)s";
		out.println(indent + (last ? "   " : "│  ") + "└─ formatter " + (h.formatter() != null ? h.formatter() : "(default)")
				+ ": " + format + (f.datefmt() != null ? "  datefmt " + f.datefmt() : "")
				+ ("%".equals(f.style()) ? "" : "  style " + f.style()));
	}
}
