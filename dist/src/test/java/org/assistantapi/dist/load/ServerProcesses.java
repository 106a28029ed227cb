package org.assistantapi.dist.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The server's process and its workers (its child processes), read from Linux's /proc: CPU time is
 * utime + stime of {@code /proc/<pid>/stat} (what {@link ProcessHandle.Info#totalCpuDuration()}
 * reads), resident memory is {@code VmRSS} of {@code /proc/<pid>/status}.
 */
record ServerProcesses(ProcessHandle server) {

    List<ProcessHandle> workers() {
        return server.children().toList();
    }

    CpuSample cpu() {
        Map<Long, Duration> workers = new LinkedHashMap<>();
        for (ProcessHandle worker : workers()) {
            workers.put(worker.pid(), cpu(worker));
        }
        return new CpuSample(cpu(server), workers, cpu(ProcessHandle.current()));
    }

    MemorySample memory() {
        return new MemorySample(rssKib(server.pid()).orElse(0),
                workers().stream().mapToLong(w -> rssKib(w.pid()).orElse(0)).boxed().toList());
    }

    private static Duration cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static OptionalLong rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("\\D", "")));
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
        return OptionalLong.empty();
    }
}
