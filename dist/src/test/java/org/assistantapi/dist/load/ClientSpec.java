package org.assistantapi.dist.load;

import java.time.Duration;
import java.util.List;

/**
 * A group of simulated clients that behave alike: each waits {@code startDelay}, then sends requests
 * one after another (the texts in turn) until it has sent {@code maxRequests} or the run's time is
 * up, reading each response as {@code policy} says.
 */
record ClientSpec(String group, int clients, List<Text> texts, ReadPolicy policy, int maxRequests, Duration startDelay) {

    ClientSpec {
        texts = List.copyOf(texts);
    }

    /** Clients that loop over the texts, reading every response whole. */
    static ClientSpec looping(String group, int clients, List<Text> texts, int maxRequests) {
        return new ClientSpec(group, clients, texts, ReadPolicy.WHOLE, maxRequests, Duration.ZERO);
    }

    /** Clients that each send one request after {@code startDelay}, read as {@code policy} says. */
    static ClientSpec once(String group, int clients, Text text, ReadPolicy policy, Duration startDelay) {
        return new ClientSpec(group, clients, List.of(text), policy, 1, startDelay);
    }

    Text text(int client, int request) {
        return texts.get((client + request) % texts.size());
    }
}
