package org.assistantapi.core;

import java.util.List;

/**
 * One worker as health reports show it.
 *
 * @param streams       audio streams core has open on it
 * @param activeJobs    jobs it had in hand at its last heartbeat
 * @param loadedVoices  voices it had loaded at its last heartbeat
 * @param queuedWorkSeconds seconds of compute for the text it holds unspoken, at each voice's measured cost
 */
public record WorkerStatus(String id, long pid, boolean ready, int streams, int activeJobs,
                           List<String> loadedVoices, long uptimeSeconds, double queuedWorkSeconds) {

    public WorkerStatus {
        loadedVoices = List.copyOf(loadedVoices);
    }
}
