package org.assistantapi.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

class SlotsTest {

    @Test
    void limitsEachOwnerAndAllTogether() throws SpeechException {
        Slots slots = new Slots("streams", SpeechException.Reason.TOO_MANY_STREAMS, 3, 2);
        Slots.Slot a1 = slots.take("a");
        slots.take("a");
        SpeechException perOwner = assertThrows(SpeechException.class, () -> slots.take("a"));
        assertEquals(SpeechException.Reason.TOO_MANY_STREAMS, perOwner.reason());
        slots.take(null);
        assertThrows(SpeechException.class, () -> slots.take("b"));
        a1.close();
        a1.close(); // given back once
        assertEquals(2, slots.taken());
        slots.take("b");
        assertThrows(SpeechException.class, () -> slots.take(null));
    }

    /** Many callers racing for the places of one owner get exactly as many as the limit allows. */
    @Test
    void racingCallersNeverOvershoot() throws Exception {
        Slots slots = new Slots("sessions", SpeechException.Reason.TOO_MANY_SESSIONS, 64, 16);
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<Boolean>> takers = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            takers.add(() -> {
                go.await();
                try {
                    slots.take("key-1");
                    return true;
                } catch (SpeechException e) {
                    return false;
                }
            });
        }
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Boolean>> results = takers.stream().map(threads::submit).toList();
            go.countDown();
            int taken = 0;
            for (Future<Boolean> result : results) {
                taken += result.get() ? 1 : 0;
            }
            assertEquals(16, taken);
            assertEquals(16, slots.taken());
        }
    }
}
