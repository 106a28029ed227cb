package org.assistantapi.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.assistantapi.workers.protocol.WorkerOptions;

/** Builds a worker's command line: the server's own java runtime and module path, and the worker main. */
final class WorkerLauncher {

    private static final String WORKER_MODULE = "org.assistantapi.workers";
    private static final String WORKER_MAIN = "org.assistantapi.workers.WorkerMain";
    /** The modules that call native code in a worker: espeak-ng through FFM, ONNX Runtime through JNI. */
    private static final String NATIVE_MODULES = "org.assistantapi.engines,com.microsoft.onnxruntime";

    private final CoreSettings settings;

    WorkerLauncher(CoreSettings settings) {
        this.settings = settings;
    }

    /** The command for one worker, which also loads {@code extraPrewarm} (voices prewarmed since start-up). */
    List<String> command(String workerId, List<String> extraPrewarm) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // A worker out of memory is in an unknown state: it exits, its jobs fail as a crash, and a
        // fresh one takes its place (before the operator's options, which could not remove it anyway).
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.addAll(settings.workers().jvmOptions());
        nativeLibraryDir().ifPresent(dir -> command.add("-Donnxruntime.native.path=" + dir));
        // protobuf-java (which reads Piper's networks) uses sun.misc.Unsafe; without this, Java 25
        // prints a four-line deprecation warning in every worker's log.
        command.add("--sun-misc-unsafe-memory-access=allow");
        String modulePath = System.getProperty("jdk.module.path");
        if (modulePath != null && !modulePath.isEmpty()) {
            command.addAll(List.of("--enable-native-access=" + NATIVE_MODULES,
                    "-p", modulePath, "-m", WORKER_MODULE + "/" + WORKER_MAIN));
        } else {
            // Running from the class path, as unit tests do.
            command.addAll(List.of("--enable-native-access=ALL-UNNAMED",
                    "-cp", System.getProperty("java.class.path"), WORKER_MAIN));
        }
        List<String> prewarm = new ArrayList<>(settings.workers().prewarmVoices());
        extraPrewarm.stream().filter(voice -> !prewarm.contains(voice)).forEach(prewarm::add);
        command.addAll(new WorkerOptions(workerId, settings.workers().voiceDirs(), settings.workers().maxLoadedVoices(),
                prewarm, settings.workers().tuning()).toArgs());
        return command;
    }

    /** ONNX Runtime's natives, unpacked in the runtime image so that workers never extract them to /tmp. */
    private static java.util.Optional<Path> nativeLibraryDir() {
        String home = System.getProperty("assistantapi.home");
        if (home == null) {
            return java.util.Optional.empty();
        }
        Path dir = Path.of(home, "lib", "onnxruntime");
        return Files.isDirectory(dir) ? java.util.Optional.of(dir) : java.util.Optional.empty();
    }
}
