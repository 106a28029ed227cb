package org.assistantapi.engines.piper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.assistantapi.engines.SynthesisOptions;
import org.assistantapi.engines.Voice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code -Donnxruntime.native.path}, ONNX Runtime loads its libraries in place: nothing is
 * extracted into (or left behind in) java.io.tmpdir. Checked in a fresh JVM with a private tmpdir.
 */
class OnnxRuntimeNativePathTest {

    @Test
    void loadsTheNativeLibrariesInPlaceLeavingTmpdirEmpty(@TempDir Path tmpdir) throws Exception {
        String nativeDir = System.getProperty(PiperEngine.NATIVE_PATH_PROPERTY);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED",
                "-Djava.io.tmpdir=" + tmpdir, "-D" + PiperEngine.NATIVE_PATH_PROPERTY + "=" + nativeDir,
                "-cp", System.getProperty("java.class.path"), OnnxRuntimeNativePathTest.class.getName(),
                TestVoices.DIR.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);

        List<String> mapped = output.lines().filter(line -> line.endsWith(".so")).toList();
        assertFalse(mapped.isEmpty(), output);
        mapped.forEach(library -> assertTrue(library.startsWith(nativeDir), library));
        try (Stream<Path> left = Files.list(tmpdir)) {
            assertEquals(List.of(), left.toList());
        }
    }

    /** The child JVM: speaks through a Piper voice, then prints where ONNX Runtime's libraries were mapped from. */
    public static void main(String[] args) throws Exception {
        PiperEngine engine = new PiperEngine(PiperSettings.of(List.of(Path.of(args[0]))));
        try (Voice voice = engine.load(TestVoices.SINGLE)) {
            voice.synthesize("Hi.", SynthesisOptions.DEFAULT).speakNext((pcm, offset, length) -> true);
        }
        try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
            maps.filter(line -> line.contains("libonnxruntime"))
                    .map(line -> line.substring(line.indexOf('/')))
                    .distinct()
                    .forEach(System.out::println);
        }
    }
}
