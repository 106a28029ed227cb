package org.assistantapi.core;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Places for streams or sessions, all together and per owner. Checking and taking a place is one
 * step, so callers racing for the last place cannot all get it.
 */
final class Slots {

    private final String what;
    private final SpeechException.Reason refusal;
    private final int max;
    private final int maxPerOwner;
    private final Map<String, Integer> perOwner = new HashMap<>();
    private int taken;

    /**
     * @param what    what the places are for, as messages name it ({@code speech streams})
     * @param refusal the reason when none is left
     */
    Slots(String what, SpeechException.Reason refusal, int max, int maxPerOwner) {
        this.what = what;
        this.refusal = refusal;
        this.max = max;
        this.maxPerOwner = maxPerOwner;
    }

    /** A place for {@code owner} (null: no owner, only the overall limit counts), given back by closing it. */
    synchronized Slot take(String owner) throws SpeechException {
        if (taken >= max) {
            throw new SpeechException(refusal, "the server has " + max + " " + what + " open, its limit");
        }
        if (owner != null && perOwner.getOrDefault(owner, 0) >= maxPerOwner) {
            throw new SpeechException(refusal, "its owner has " + maxPerOwner + " " + what + " open, the limit per owner");
        }
        taken++;
        if (owner != null) {
            perOwner.merge(owner, 1, Integer::sum);
        }
        return new Slot(owner);
    }

    /** Places taken now. */
    synchronized int taken() {
        return taken;
    }

    private synchronized void giveBack(String owner) {
        taken--;
        if (owner != null) {
            perOwner.computeIfPresent(owner, (key, count) -> count == 1 ? null : count - 1);
        }
    }

    /** One place; closing it more than once gives it back once. */
    final class Slot implements AutoCloseable {

        private final String owner;
        private final AtomicBoolean given = new AtomicBoolean();

        private Slot(String owner) {
            this.owner = owner;
        }

        @Override
        public void close() {
            if (given.compareAndSet(false, true)) {
                giveBack(owner);
            }
        }
    }
}
