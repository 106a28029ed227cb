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
    private static final String ENGINES_MODULE = "org.assistantapi.engines";

    private final CoreSettings settings;

    WorkerLauncher(CoreSettings settings) {
        this.settings = settings;
    }

    List<String> command(String workerId) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(settings.workerJvmOptions());
        nativeLibraryDir().ifPresent(dir -> command.add("-Donnxruntime.native.path=" + dir));
        String modulePath = System.getProperty("jdk.module.path");
        if (modulePath != null && !modulePath.isEmpty()) {
            command.addAll(List.of("--enable-native-access=" + ENGINES_MODULE,
                    "-p", modulePath, "-m", WORKER_MODULE + "/" + WORKER_MAIN));
        } else {
            // Running from the class path, as unit tests do.
            command.addAll(List.of("--enable-native-access=ALL-UNNAMED",
                    "-cp", System.getProperty("java.class.path"), WORKER_MAIN));
        }
        command.addAll(new WorkerOptions(workerId, settings.voiceDirs(), settings.maxLoadedVoices(),
                settings.prewarmVoices(), settings.workerTuning()).toArgs());
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
