package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.sluice.pipeline.sink.ForeignError;

/** A shipped record's error keeps its own class and its frames, for sinks that report them (Bugsnag). */
class ShippedErrorTest {

	@Tag("fault-injection")
	@Test
	void aJavaStackBecomesFramesAndTheTypeIsTheErrorClass() {
		ShippedRecord r = ShippedRecord.parse(new ObjectMapper(), "{\"level\": \"ERROR\", \"message\": \"failed\","
				+ " \"error\": {\"type\": \"java.io.IOException\", \"message\": \"disk full\", \"stack\":"
				+ " \"java.io.IOException: disk full\\n\\tat java.base/java.io.FileOutputStream.writeBytes(Native Method)\\n"
				+ "\\tat com.example.Store.save(Store.java:42)\\n\\tat com.example.Store$Inner.lambda$run$0(Store.java:7)\\n"
				+ "\\t... 3 more\"}}");
		Throwable e = r.error();
		assertThat(e).isInstanceOf(ForeignError.class);
		assertThat(((ForeignError) e).errorClass()).isEqualTo("java.io.IOException");
		StackTraceElement[] frames = e.getStackTrace();
		assertThat(frames).hasSize(3);
		assertThat(frames[0].getClassName()).isEqualTo("java.io.FileOutputStream");
		assertThat(frames[0].getMethodName()).isEqualTo("writeBytes");
		assertThat(frames[1]).isEqualTo(new StackTraceElement("com.example.Store", "save", "Store.java", 42));
		assertThat(frames[2].getClassName()).isEqualTo("com.example.Store$Inner");
		assertThat(frames[2].getMethodName()).isEqualTo("lambda$run$0");
	}

	@Test
	void aPythonTracebackBecomesFrames() {
		ShippedRecord r = ShippedRecord.parse(new ObjectMapper(), "{\"level\": \"ERROR\", \"message\": \"failed\","
				+ " \"error\": {\"type\": \"KeyError\", \"message\": \"'sku'\", \"stack\":"
				+ " \"Traceback (most recent call last):\\n  File \\\"/app/orders.py\\\", line 12, in handle\\n"
				+ "    stock[sku]\\nKeyError: 'sku'\"}}");
		Throwable e = r.error();
		assertThat(((ForeignError) e).errorClass()).isEqualTo("KeyError");
		assertThat(e.getStackTrace()).containsExactly(new StackTraceElement("", "handle", "/app/orders.py", 12));
	}
}
