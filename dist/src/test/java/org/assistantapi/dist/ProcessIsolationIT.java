package org.assistantapi.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The server JVM never loads an engine or an encoder: native speech libraries and codec classes
 * live only in worker JVMs, which die with the server.
 */
class ProcessIsolationIT {

    private static final List<String> NATIVE_LIBRARIES = List.of("libespeak-ng", "libonnxruntime");
    private static final List<String> WORKER_ONLY_PACKAGES = List.of(
            "ai.onnxruntime.", "de.sciss.jump3r.", "mp3.", "io.github.jaredmdobson.concentus.",
            "org.assistantapi.engines.", "org.assistantapi.encoders.");

    @Test
    void engineLibrariesAndCodecsLoadOnlyInWorkers() throws Exception {
        try (RunningServer server = RunningServer.start("workers:\n  count: 1\n")) {
            for (String format : List.of("wav", "mp3", "opus")) {
                assertEquals(200, server.postJson("/v1/audio/speech",
                        "{\"input\":\"Hello there.\",\"voice\":\"espeak:en-us\",\"response_format\":\"" + format + "\"}").statusCode());
            }
            long serverPid = server.process.pid();
            String serverMaps = maps(serverPid);
            String serverClasses = loadedClasses(serverPid);
            for (String library : NATIVE_LIBRARIES) {
                assertFalse(serverMaps.contains(library), "server maps " + library);
            }
            for (String prefix : WORKER_ONLY_PACKAGES) {
                assertFalse(serverClasses.contains(" " + prefix), "server loaded classes of " + prefix);
            }
            // The same checks do see them in the worker, so they can fail.
            long workerPid = server.workers().getFirst().pid();
            assertTrue(maps(workerPid).contains("libespeak-ng"), "worker maps libespeak-ng");
            String workerClasses = loadedClasses(workerPid);
            assertTrue(workerClasses.contains(" org.assistantapi.engines."), "worker loaded the engines");
            assertTrue(workerClasses.contains(" de.sciss.jump3r."), "worker loaded jump3r");
        }
    }

    @Test
    void workersExitWhenTheServerIsKilled() throws Exception {
        RunningServer server = RunningServer.start("workers:\n  count: 2\n");
        List<ProcessHandle> workers = server.workers();
        assertEquals(2, workers.size());
        server.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        for (ProcessHandle worker : workers) {
            worker.onExit().get(15, TimeUnit.SECONDS);
            assertFalse(worker.isAlive());
        }
    }

    /** Out of memory, a JVM exits and is replaced, whatever heap the operator gave the workers. */
    @Test
    void serverAndWorkersExitOnOutOfMemory() throws Exception {
        try (RunningServer server = RunningServer.start("workers:\n  count: 1\n  jvm_options: [-Xmx300m]\n")) {
            List<String> serverArguments = arguments(server.process.pid());
            assertTrue(serverArguments.contains("-XX:+ExitOnOutOfMemoryError"), serverArguments.toString());
            List<String> workerArguments = arguments(server.workers().getFirst().pid());
            assertTrue(workerArguments.contains("-XX:+ExitOnOutOfMemoryError"), workerArguments.toString());
            assertTrue(workerArguments.contains("-Xmx300m"), workerArguments.toString());
        }
    }

    /** glibc keeps ONNX Runtime's freed tensors for the next inference instead of faulting them in again. */
    @Test
    void workersKeepFreedMemoryForReuse() throws Exception {
        try (RunningServer server = RunningServer.start("workers:\n  count: 1\n")) {
            String environment = Files.readString(Path.of("/proc", String.valueOf(server.workers().getFirst().pid()),
                    "environ"), StandardCharsets.UTF_8);
            List<String> variables = List.of(environment.split("\0"));
            assertTrue(variables.contains("MALLOC_MMAP_THRESHOLD_=268435456"), variables.toString());
            assertTrue(variables.contains("MALLOC_TRIM_THRESHOLD_=268435456"), variables.toString());
            assertTrue(variables.contains("MALLOC_ARENA_MAX=1"), variables.toString());
        }
    }

    private static List<String> arguments(long pid) throws IOException {
        String cmdline = Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline"), StandardCharsets.UTF_8);
        return List.of(cmdline.split("\0"));
    }

    private static String maps(long pid) throws IOException {
        return Files.readString(Path.of("/proc", String.valueOf(pid), "maps"), StandardCharsets.ISO_8859_1);
    }

    /** Every loaded class, one per line, as jcmd's class hierarchy prints them (" name/loader"). */
    private static String loadedClasses(long pid) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "VM.class_hierarchy")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, output);
        assertTrue(output.contains("java.lang.Object"), output);
        return output.replace('|', ' ').replace("-", " ");
    }
}
