package dev.sluice.config;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Parses a config file's bytes into plain JSON values (LinkedHashMap, ArrayList, String, Number,
 * Boolean, null) with Jackson: YAML for {@code .yaml}/{@code .yml} names, JSON otherwise.
 * Duplicate keys are errors (Python's json keeps the last one silently; a config that says two
 * things at once is a mistake). Thread-safe.
 */
final class ConfigText {

	private static final ObjectMapper JSON = JsonMapper.builder()
			.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.build();
	private static final ObjectMapper YAML = YAMLMapper.builder()
			.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
			.build();

	private ConfigText() {
	}

	/** Whether {@code fileName} is read as YAML. */
	static boolean isYaml(String fileName) {
		String n = fileName.toLowerCase(Locale.ROOT);
		return n.endsWith(".yaml") || n.endsWith(".yml");
	}

	/**
	 * The top-level object, or null after adding a problem at {@code /} when the text is not a
	 * JSON (YAML) object.
	 */
	@SuppressWarnings("unchecked")
	static Map<String, Object> parse(byte[] bytes, String fileName, Problems problems) {
		boolean yaml = isYaml(fileName);
		if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
			problems.add("/", "expected an object (a dictConfig dictionary), found an empty file");
			return null;
		}
		Object value;
		try {
			value = (yaml ? YAML : JSON).readValue(bytes, Object.class);
		}
		catch (JsonProcessingException e) {
			JsonLocation at = e.getLocation();
			problems.add("/", "expected valid " + (yaml ? "YAML" : "JSON") + ", found a syntax error"
					+ (at != null && at.getLineNr() > 0 ? " at line " + at.getLineNr() + ", column " + at.getColumnNr()
							: "")
					+ ": " + firstLine(e.getOriginalMessage()));
			return null;
		}
		catch (IOException e) {
			problems.add("/", "cannot parse the file: " + e.getMessage());
			return null;
		}
		if (!(value instanceof Map)) {
			problems.add("/", "expected an object (a dictConfig dictionary), found "
					+ (value == null ? "an empty document" : Problems.describe(value)));
			return null;
		}
		return (Map<String, Object>) value;
	}

	/** The parser's message without its source excerpts (YAML's are several indented lines). */
	private static String firstLine(String s) {
		if (s == null) {
			return "unknown error";
		}
		StringBuilder sb = new StringBuilder();
		for (String line : s.split("\n")) {
			if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
				sb.append(sb.length() == 0 ? "" : "; ").append(line.trim());
			}
		}
		return sb.toString();
	}
}
