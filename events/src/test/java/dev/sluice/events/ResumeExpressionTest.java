package dev.sluice.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResumeExpressionTest {

	@Test
	void parsesTheTextsForms() {
		ResumeExpression s = ResumeExpression.parse("MyCustomId === \"job-42\"");
		assertThat(s.attribute()).isEqualTo("MyCustomId");
		assertThat(s.value()).isEqualTo("job-42");
		assertThat(ResumeExpression.parse("  Count===42 ").value()).isEqualTo(42L);
		assertThat(ResumeExpression.parse("Ratio === -2.5e1").value()).isEqualTo(-25.0);
		assertThat(ResumeExpression.parse("Flag === true").value()).isEqualTo(true);
		assertThat(ResumeExpression.parse("Flag === false").value()).isEqualTo(false);
	}

	@Test
	void quoteRoundTripsAnyString() {
		String tricky = "a \"quoted\" \\ back\\slash";
		assertThat(ResumeExpression.parse("Id === " + Events.quote(tricky)).value()).isEqualTo(tricky);
	}

	@Test
	void anythingElseIsAClearError() {
		assertThatThrownBy(() -> ResumeExpression.parse("MyCustomId == \"x\""))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'==='").hasMessageContaining("position 11");
		assertThatThrownBy(() -> ResumeExpression.parse("MyCustomId === job-42"))
				.hasMessageContaining("a double-quoted string, a number, true or false, not 'job-42'");
		assertThatThrownBy(() -> ResumeExpression.parse("MyCustomId === \"open"))
				.hasMessageContaining("closing");
		assertThatThrownBy(() -> ResumeExpression.parse("=== 1")).hasMessageContaining("an attribute name");
		assertThatThrownBy(() -> ResumeExpression.parse("A === 1 and B === 2")).hasMessageContaining("the end");
		assertThatThrownBy(() -> ResumeExpression.parse("A === ")).hasMessageContaining("a value");
	}
}
