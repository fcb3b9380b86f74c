package dev.sluice.layouts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * CPython's own {@code test_logging.FormatterTest.test_format_validate} (3.11 to 3.13): the formats it
 * accepts are accepted here, the ones it rejects are rejected, except three {@code %}-style formats with a
 * {@code *} width that CPython accepts and then fails on every record, which Sluice rejects up front
 * (docs/python-differences.md).
 */
class FormatValidateTest {

	private static final String[][] ACCEPTED = {
			{"%", "%(levelname)-15s - %(message) 5s - %(process)03d - %(module)s"},
			{"%", "%(process)-34.33o"},
			{"%", "%(process)#+027.23X"},
			{"{", "$%{message}%$ - {asctime!a:15} - {customfield['key']}"},
			{"{", "{process:.2f} - {custom.f:.4f}"},
			{"{", "{customfield!s:#<30}"},
			{"{", "{message!r}"},
			{"{", "{message!s}"},
			{"{", "{message!a}"},
			{"{", "{process!r:4.2}"},
			{"{", "{process:<#30,.12f}- {custom:=+#30,.1d} - {module:^30}"},
			{"{", "{foo:12.{p}}"},
			{"{", "{foo:{w}.6}"},
			{"{", "{foo[0].bar[1].baz}"},
			{"{", "{foo[k1].bar[k2].baz}"},
			{"$", "${asctime} - $message"},
			{"$", "$bar $$"},
			{"$", "$bar $$$$"},
	};

	/**
	 * Accepted by CPython's validation, failing on every record there (a '*' width needs a positional argument,
	 * '%(module) - %' is an unsupported '%' conversion, a positional field has no argument, 'f' or ',' does not
	 * apply to the str that '!s' makes): refused here, on purpose.
	 */
	private static final String[][] REFUSED_ON_PURPOSE = {
			{"%", "%(asctime)*s - %(asctime)*.3s"},
			{"%", "%(foo)#.*g"},
			{"%", "%(levelname)-15s - %(message) 5s - %(process)03d - %(module) - %(asctime).3s"},
			{"{", "{12[k1].bar[k2].baz}"},
			{"{", "{process!s:<#30,.12f}- {custom:=+#30,.1d} - {module:^30}"},
			{"{", "{process!s:{w},.{p}}"},
	};

	private static final String[][] REJECTED = {
			{"%", "%(asctime)Z"}, {"%", "%(asctime)b"}, {"%", "%(asctime)*"}, {"%", "%(asctime)*3s"},
			{"%", "%(asctime)_"}, {"%", "{asctime}"}, {"%", "${message}"}, {"%", "%(foo)#12.3*f"},
			{"%", "%(foo)0*.8*f"},
			{"{", "{name-thing}"}, {"{", "%(asctime)s"}, {"{", "{asctime!s:#30,15f}"}, {"{", "{asctime!aa:15}"},
			{"{", "{process:.2ff}"}, {"{", "{process:.2Z}"}, {"{", "{process!s:<##30,12g}"},
			{"{", "{process!s:<#30#,12g}"}, {"{", "{process!s:{{w}},{{p}}}"}, {"{", "{process"}, {"{", "process}"},
			{"{", "{{foo!r:4.2}"}, {"{", "{{foo!r:4.2}}"}, {"{", "{foo/bar}"}, {"{", "{foo:{{w}}.{{p}}}}"},
			{"{", "{foo!X:{{w}}.{{p}}}"}, {"{", "{foo!a:random}"}, {"{", "{foo!a:ran{dom}"},
	};

	private static String problem(String[] c) {
		try {
			PythonFormatter.builder().format(c[1]).style(c[0]).validate(true).build();
			return null;
		}
		catch (IllegalArgumentException e) {
			return e.getMessage();
		}
	}

	@Test
	void acceptsWhatCPythonAccepts() {
		List<String> refused = new ArrayList<>();
		for (String[] c : ACCEPTED) {
			String p = problem(c);
			if (p != null) {
				refused.add(c[1] + " -> " + p);
			}
		}
		assertThat(refused).isEmpty();
	}

	@Test
	void rejectsWhatCPythonRejects() {
		List<String> accepted = new ArrayList<>();
		for (String[] c : REJECTED) {
			if (problem(c) == null) {
				accepted.add(c[0] + " " + c[1]);
			}
		}
		assertThat(accepted).isEmpty();
	}

	@Test
	void starWidthsAreRefusedUpFront() {
		for (String[] c : REFUSED_ON_PURPOSE) {
			assertThat(problem(c)).as(c[1]).isNotNull();
		}
	}
}
