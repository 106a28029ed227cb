package org.assistantapi.dist.load;

import java.util.List;
import java.util.stream.Collectors;

/** Resident set sizes (VmRSS) of the server process and of each worker, in KiB. */
record MemorySample(long serverKib, List<Long> workersKib) {

    @Override
    public String toString() {
        return "server " + mib(serverKib) + ", workers " + (workersKib.isEmpty() ? "none"
                : workersKib.stream().map(MemorySample::mib).collect(Collectors.joining(" + ")));
    }

    private static String mib(long kib) {
        return (kib + 512) / 1024 + " MiB";
    }
}
