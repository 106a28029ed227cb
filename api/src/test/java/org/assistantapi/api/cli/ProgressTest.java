package org.assistantapi.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Progress lines for logs and for terminals. */
class ProgressTest {

    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();

    private Progress progress(boolean terminal) {
        return new Progress(new PrintStream(sink, true, StandardCharsets.UTF_8), terminal);
    }

    @Test
    void withoutATerminalALineAtTheStartAndTheEndNotForEveryChunk() {
        try (Progress.Meter meter = progress(false).start("v.onnx", 63_201_294)) {
            for (long done = 65536; done < 63_201_294; done += 65536) {
                meter.accept(done);
            }
            meter.accept(63_201_294);
            meter.accept(63_201_294);
        }
        assertEquals("""
                  v.onnx   0% (0 B of 63.2 MB)
                  v.onnx 100% (63.2 MB of 63.2 MB)
                """, sink.toString(StandardCharsets.UTF_8));
    }

    @Test
    void onATerminalOneLineRewrittenAndEnded() {
        try (Progress.Meter meter = progress(true).start("v.onnx.json", 4885)) {
            meter.accept(4885);
        }
        assertEquals("\r  v.onnx.json   0% (0 B of 4.9 kB)\033[K\r  v.onnx.json 100% (4.9 kB of 4.9 kB)\033[K\n",
                sink.toString(StandardCharsets.UTF_8));
    }

    @Test
    void onATerminalAFailureMidwayEndsTheLine() {
        try (Progress.Meter meter = progress(true).start("v.onnx", 2000)) {
            meter.accept(1000);
        }
        assertEquals("\r  v.onnx   0% (0 B of 2.0 kB)\033[K\n", sink.toString(StandardCharsets.UTF_8));
    }

    @Test
    void bytes() {
        assertEquals("999 B", Progress.bytes(999));
        assertEquals("1.7 kB", Progress.bytes(1662));
        assertEquals("63.2 MB", Progress.bytes(63_201_294));
    }
}
