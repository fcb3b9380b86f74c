package dev.sluice.examples.boot3;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.sluice.pipeline.Sluice;

/** One Boot property, {@code logging.structured.format.console=ecs}, makes the console ECS JSON on Boot 3.5. */
@SpringBootTest(properties = {"logging.structured.format.console=ecs", "spring.application.name=boot3-orders"})
@ExtendWith(OutputCaptureExtension.class)
class Boot3EcsTest {

	@Autowired
	Sluice sluice;

	@Test
	void theConsoleWritesEcsJson(CapturedOutput output) throws Exception {
		org.slf4j.LoggerFactory.getLogger("orders").info("ecs on boot {}", 3);
		sluice.flush().block(Duration.ofSeconds(30));
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (!output.getOut().contains("ecs on boot 3") && System.nanoTime() < deadline) {
			Thread.sleep(10); // written on the console sink's thread
		}
		String line = output.getOut().lines().filter(l -> l.contains("ecs on boot 3")).findFirst().orElseThrow();
		JsonNode json = new ObjectMapper().readTree(line);
		assertThat(json.get("message").asText()).isEqualTo("ecs on boot 3");
		assertThat(json.get("log.level").asText()).isEqualTo("INFO");
		assertThat(json.get("log.logger").asText()).isEqualTo("orders");
		assertThat(json.get("service.name").asText()).isEqualTo("boot3-orders");
	}
}
