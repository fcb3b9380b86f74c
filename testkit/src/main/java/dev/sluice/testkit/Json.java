package dev.sluice.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one Jackson mapper of the stand-ins, warmed up before any request arrives.
 *
 * <p>Why the warm-up: Jackson builds a deserializer the first time it needs one under a {@code ReentrantLock}
 * ({@code DeserializerCache}); when the first requests reach a stand-in at once, event loops would park on that lock
 * and BlockHound reports it, in Sluice's tests and in its users'. Every stand-in calls {@link #warmUp()} from its
 * constructor, on the thread that starts it, so the lock is taken there, once per JVM; requests then find the
 * mapper's root-deserializer map filled and never touch the lock.
 */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        try {
            JsonNode sample = MAPPER.readTree("{\"s\":\"x\",\"n\":1,\"l\":12345678901,\"d\":1.5,\"b\":true,"
                    + "\"z\":null,\"a\":[{},[]]}");
            MAPPER.writeValueAsString(sample);
            sample.toString();
            MAPPER.createObjectNode().put("k", "v").toString();
        } catch (IOException e) {
            throw new UncheckedIOException("the stand-ins' JSON mapper failed its warm-up", e);
        }
    }

    private Json() {
    }

    /** Makes sure the mapper is initialised and warm; cheap after the first call. */
    static void warmUp() {
        // Touching the class runs its static initialiser, on the calling thread.
    }
}
