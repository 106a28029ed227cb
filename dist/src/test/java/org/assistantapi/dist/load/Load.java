package org.assistantapi.dist.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Runs client groups at once, one virtual thread per client, bounded by request count and by time. */
final class Load {

    private Load() {
    }

    /**
     * Starts every client, waits for all of them and returns their results. No request starts after
     * {@code duration}; one in flight then is finished (each read is bounded by the client's read timeout).
     */
    static LoadRun run(ApiClient api, List<ClientSpec> groups, Duration duration) {
        Map<String, List<CallResult>> results = new LinkedHashMap<>();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (ClientSpec group : groups) {
                List<CallResult> groupResults = Collections.synchronizedList(new ArrayList<>());
                results.put(group.group(), groupResults);
                for (int client = 0; client < group.clients(); client++) {
                    int id = client;
                    clients.submit(() -> runClient(api, group, id, deadline, groupResults));
                }
            }
        }
        Map<String, List<CallResult>> copies = new LinkedHashMap<>();
        results.forEach((group, list) -> copies.put(group, List.copyOf(list)));
        return new LoadRun(copies, Duration.ofNanos(System.nanoTime() - start));
    }

    private static void runClient(ApiClient api, ClientSpec group, int client, long deadline, List<CallResult> results) {
        try {
            Thread.sleep(group.startDelay());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        for (int request = 0; request < group.maxRequests() && System.nanoTime() < deadline; request++) {
            Text text = group.text(client, request);
            results.add(api.speak(text, group.policy()).checkedAgainst(text));
        }
    }
}
