package dev.sluice.benchmarks.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.zip.DataFormatException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;

/** The results of one run: JMH's JSON files and the {@code extra.jsonl} lines, read back. */
final class Data {

	/** One JMH result: a benchmark method with its parameters. */
	record Row(String method, Map<String, String> params, int threads, double score, double error, String unit,
			Map<String, double[]> secondary, double[] percentiles) {

		String param(String name) {
			return params.getOrDefault(name, "");
		}

		/** A secondary result's {score, error}, or null. */
		double[] secondary(String name) {
			return secondary.get(name);
		}
	}

	private static final ObjectMapper JSON = new ObjectMapper();

	final Map<String, List<Row>> jmh = new LinkedHashMap<>();
	final List<JsonNode> extras = new ArrayList<>();

	static Data read(Path dir) throws IOException {
		Data d = new Data();
		for (String[] m : Suite.MEASURES) {
			d.jmh.put(m[0], rows(dir.resolve(m[0] + ".json")));
		}
		Path extra = dir.resolve("extra.jsonl");
		if (Files.exists(extra)) {
			for (String line : Files.readAllLines(extra)) {
				if (!line.isBlank()) {
					d.extras.add(JSON.readTree(line));
				}
			}
		}
		return d;
	}

	private static List<Row> rows(Path file) throws IOException {
		List<Row> rows = new ArrayList<>();
		if (!Files.exists(file) || Files.size(file) == 0) {
			return rows;
		}
		for (JsonNode n : JSON.readTree(file.toFile())) {
			String bench = n.get("benchmark").asText();
			Map<String, String> params = new LinkedHashMap<>();
			if (n.has("params")) {
				n.get("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
			}
			JsonNode p = n.get("primaryMetric");
			Map<String, double[]> sec = new LinkedHashMap<>();
			if (n.has("secondaryMetrics")) {
				n.get("secondaryMetrics").fields().forEachRemaining(e -> sec.put(e.getKey(),
						new double[] {num(e.getValue().get("score")), num(e.getValue().get("scoreError"))}));
			}
			rows.add(new Row(bench.substring(bench.lastIndexOf('.') + 1), params, n.get("threads").asInt(),
					num(p.get("score")), num(p.get("scoreError")), p.get("scoreUnit").asText(), sec, null));
		}
		return rows;
	}

	private static double num(JsonNode n) {
		if (n == null || n.isNull()) {
			return Double.NaN;
		}
		return n.isNumber() ? n.asDouble() : parseOrNaN(n.asText());
	}

	private static double parseOrNaN(String s) {
		try {
			return Double.parseDouble(s);
		}
		catch (NumberFormatException e) {
			return Double.NaN;
		}
	}

	/** The JMH row of {@code measure} matching {@code filter}, or null. */
	Row row(String measure, Predicate<Row> filter) {
		for (Row r : jmh.getOrDefault(measure, List.of())) {
			if (filter.test(r)) {
				return r;
			}
		}
		return null;
	}

	/** Extra lines of {@code benchmark} for {@code library} whose params contain {@code match}. */
	List<JsonNode> extras(String benchmark, String library, Map<String, String> match) {
		List<JsonNode> out = new ArrayList<>();
		for (JsonNode n : extras) {
			if (!benchmark.equals(n.path("benchmark").asText()) || !library.equals(n.path("library").asText())) {
				continue;
			}
			boolean ok = true;
			for (Map.Entry<String, String> e : match.entrySet()) {
				ok &= Objects.equals(e.getValue(), n.path("params").path(e.getKey()).asText());
			}
			if (ok) {
				out.add(n);
			}
		}
		return out;
	}

	/** The sum of a numeric field over lines. */
	static long sum(List<JsonNode> lines, String field) {
		long s = 0;
		for (JsonNode n : lines) {
			s += n.path(field).asLong();
		}
		return s;
	}

	/** The stalled-sink histograms of the lines, merged (one per fork). */
	static Histogram mergedLatency(List<JsonNode> lines) {
		Histogram all = null;
		for (JsonNode n : lines) {
			String enc = n.path("latency").path("histogram").asText("");
			if (enc.isEmpty()) {
				continue;
			}
			try {
				Histogram h = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(enc)), 0);
				if (all == null) {
					all = h;
				}
				else {
					all.add(h);
				}
			}
			catch (DataFormatException e) {
				throw new IllegalStateException("a latency histogram in extra.jsonl cannot be decoded", e);
			}
		}
		return all;
	}
}
