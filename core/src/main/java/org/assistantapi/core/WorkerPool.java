package org.assistantapi.core;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.assistantapi.workers.protocol.FromWorker;
import org.assistantapi.workers.protocol.VoiceDescriptor;

/**
 * The worker processes: starts them, routes each job to the least-loaded ready one, pings them,
 * and replaces one that dies or hangs, backing off when replacements keep dying.
 */
final class WorkerPool implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WorkerPool.class.getName());
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** A worker that served for this long before dying is not part of a crash loop. */
    private static final Duration STABLE_UPTIME = Duration.ofSeconds(60);
    /** A worker not ready after this many job start timeouts is stuck starting: it is killed. */
    private static final int START_TIMEOUTS_TO_READY = 2;
    /** How much more queued work a worker with the voice loaded may have and still be preferred. */
    static final Duration VOICE_LOAD_ALLOWANCE = Duration.ofMillis(500);

    /** One place in the pool, holding the current process for it. */
    private final class Slot {
        final int number;
        volatile WorkerProcess process;
        int crashesInARow;
        long restartAtNanos;

        Slot(int number) {
            this.number = number;
        }
    }

    private final CoreSettings settings;
    private final WorkerLauncher launcher;
    private final List<Slot> slots = new ArrayList<>();
    private final AtomicInteger restarts = new AtomicInteger();
    private final AtomicLong pings = new AtomicLong();
    private final SynthesisMeter meter = new SynthesisMeter();
    private final PlaybackMeter playback = new PlaybackMeter();
    private final CrashingTexts crashingTexts = new CrashingTexts();
    private volatile FromWorker.Ready catalog;
    private final java.util.Set<String> prewarmed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private final Thread monitor;

    WorkerPool(CoreSettings settings) {
        this.settings = settings;
        this.launcher = new WorkerLauncher(settings);
        for (int i = 1; i <= settings.workers().count(); i++) {
            Slot slot = new Slot(i);
            slots.add(slot);
            launch(slot);
        }
        monitor = Thread.ofPlatform().name("worker-monitor").daemon().start(this::monitor);
    }

    /** Voices every ready worker can speak, and formats as the first ready worker reported them (every worker has the same setup). */
    Optional<FromWorker.Ready> catalog() {
        return Optional.ofNullable(catalog);
    }

    /** The voices the workers can speak, as clients see them; none before a worker is ready. */
    List<AvailableVoice> availableVoices() {
        return AvailableVoice.listed(catalog());
    }

    /**
     * The ready worker with the least work queued (seconds of compute for the text it holds
     * unspoken, at each voice's measured cost; among equals, fewer streams). One that has the
     * voice loaded is preferred only while its queue is at most {@link #VOICE_LOAD_ALLOWANCE}
     * longer: about what loading a medium voice costs, so the listener does not wait for the
     * preference (prewarm loads a voice everywhere, so it rarely decides).
     */
    Optional<WorkerProcess> pick(String voice) {
        List<WorkerProcess> ready = readyWorkers();
        Map<WorkerProcess, Double> queued = new java.util.HashMap<>();
        ready.forEach(worker -> queued.put(worker, worker.queuedWorkSeconds()));
        Comparator<WorkerProcess> leastWork = Comparator.<WorkerProcess>comparingDouble(queued::get)
                .thenComparingInt(WorkerProcess::activeStreams);
        Optional<WorkerProcess> least = ready.stream().min(leastWork);
        if (least.isEmpty() || least.get().hasLoaded(voice)) {
            return least;
        }
        double limit = queued.get(least.get()) + VOICE_LOAD_ALLOWANCE.toNanos() / 1e9;
        return ready.stream().filter(worker -> worker.hasLoaded(voice) && queued.get(worker) <= limit)
                .min(leastWork).or(() -> least);
    }

    /** Voices every worker should load, now and whenever a replacement starts. */
    void rememberPrewarmed(List<String> voices) {
        prewarmed.addAll(voices);
    }

    List<WorkerStatus> statuses() {
        List<WorkerStatus> statuses = new ArrayList<>();
        for (Slot slot : slots) {
            WorkerProcess process = slot.process;
            if (process != null) {
                statuses.add(process.status());
            }
        }
        return statuses;
    }

    List<WorkerProcess> readyWorkers() {
        List<WorkerProcess> ready = new ArrayList<>();
        for (Slot slot : slots) {
            WorkerProcess process = slot.process;
            if (process != null && process.isReady()) {
                ready.add(process);
            }
        }
        return ready;
    }

    List<SynthesisTotal> synthesisTotals() {
        return meter.totals();
    }

    PlaybackTotals playbackTotals() {
        return playback.totals();
    }

    int expected() {
        return slots.size();
    }

    int restarts() {
        return restarts.get();
    }

    /** Slots whose workers keep dying right after they start. */
    int crashLooping() {
        int looping = 0;
        for (Slot slot : slots) {
            synchronized (slot) {
                looping += slot.crashesInARow >= 3 ? 1 : 0;
            }
        }
        return looping;
    }

    /** Texts that crashed a worker: refused before they reach another. */
    CrashingTexts crashingTexts() {
        return crashingTexts;
    }

    private void launch(Slot slot) {
        String id = "worker-" + slot.number;
        // Holding the slot while starting: a worker that dies at once (a bad JVM option) reports
        // its exit only after the slot holds it, so the exit is never missed.
        synchronized (slot) {
            try {
                WorkerProcess process = WorkerProcess.start(id, launcher.command(id, List.copyOf(prewarmed)), meter, playback,
                        crashingTexts, changed -> updateCatalog(), exitedProcess -> exited(slot, exitedProcess));
                slot.process = process;
                process.ready().thenAccept(ready -> {
                    LOG.info(id + " (pid " + process.pid() + ") ready with " + ready.voices().size() + " voices");
                    updateCatalog();
                });
            } catch (IOException e) {
                LOG.log(Level.SEVERE, "could not start " + id, e);
                scheduleRestart(slot, 0);
            }
        }
    }

    /**
     * Offers the voices every ready worker has (see {@link VoiceCatalog}) and logs each change once.
     * With no worker ready the last catalog stays.
     */
    private synchronized void updateCatalog() {
        List<WorkerProcess> ready = readyWorkers();
        if (ready.isEmpty()) {
            return;
        }
        FromWorker.Ready before = catalog;
        List<VoiceDescriptor> previous = before == null ? List.of() : before.voices();
        List<VoiceDescriptor> voices = VoiceCatalog.agreed(previous, ready.stream().map(WorkerProcess::voices).toList());
        if (before == null) {
            catalog = new FromWorker.Ready(voices, ready.getFirst().ready().join().formats());
            return;
        }
        if (!voices.equals(previous)) {
            VoiceCatalog.changes(previous, voices).forEach(LOG::info);
            catalog = new FromWorker.Ready(voices, before.formats());
        }
    }

    private void exited(Slot slot, WorkerProcess process) {
        updateCatalog();
        synchronized (slot) {
            if (!closed && slot.process == process) {
                // Only a worker that became ready and served a while ends a crash loop.
                scheduleRestart(slot, process.wasReady() ? process.uptimeMillis() : 0);
            }
        }
    }

    private void scheduleRestart(Slot slot, long uptimeMillis) {
        synchronized (slot) {
            slot.process = null;
            slot.crashesInARow = uptimeMillis >= STABLE_UPTIME.toMillis() ? 1 : slot.crashesInARow + 1;
            long backoffMillis = Math.min(MAX_BACKOFF.toMillis(), 250L << Math.min(10, slot.crashesInARow - 1));
            slot.restartAtNanos = System.nanoTime() + backoffMillis * 1_000_000;
            LOG.warning("worker-" + slot.number + " will be restarted in " + backoffMillis + " ms");
        }
    }

    /** Pings the workers, kills the silent, restarts the dead when their backoff has passed. */
    private void monitor() {
        long intervalMillis = settings.timeouts().heartbeatInterval().toMillis();
        while (!closed) {
            for (Slot slot : slots) {
                check(slot);
            }
            try {
                Thread.sleep(Math.min(intervalMillis, 250));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void check(Slot slot) {
        WorkerProcess process = slot.process;
        if (process == null) {
            boolean due;
            synchronized (slot) {
                due = slot.process == null && System.nanoTime() >= slot.restartAtNanos;
            }
            if (due && !closed) {
                restarts.incrementAndGet();
                launch(slot);
            }
            return;
        }
        if (!process.isReady()) {
            long startLimit = START_TIMEOUTS_TO_READY * settings.timeouts().jobStart().toMillis();
            if (!process.wasReady() && process.uptimeMillis() > startLimit) {
                LOG.severe(process.id() + " is not ready after " + process.uptimeMillis() + " ms; killing it");
                process.kill();
            }
            return;
        }
        process.abandonStalledStreams(settings.timeouts().clientStall().toMillis());
        if (process.millisSincePong() > settings.timeouts().heartbeat().toMillis()) {
            LOG.severe(process.id() + " has not answered a heartbeat for " + process.millisSincePong() + " ms; killing it");
            process.kill();
        } else if (process.millisSincePing() >= settings.timeouts().heartbeatInterval().toMillis()) {
            process.ping(pings.incrementAndGet());
        }
    }

    @Override
    public void close() {
        closed = true;
        monitor.interrupt();
        for (Slot slot : slots) {
            WorkerProcess process = slot.process;
            if (process != null) {
                process.stop(2000);
            }
        }
    }
}
