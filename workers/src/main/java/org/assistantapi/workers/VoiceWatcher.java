package org.assistantapi.workers;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.assistantapi.engines.VoiceChanges;
import org.assistantapi.workers.protocol.FromWorker;

/**
 * Watches the voice directories while the worker runs, so that voices come and go without a
 * restart. File events (the JDK's WatchService) make it look at once; it also looks every
 * {@link #RESCAN_INTERVAL}, for file systems that report no events (NFS, some container mounts),
 * and every {@link #SETTLING_POLL} while a voice's files are still being written. On a change it
 * forgets the voices whose files went or changed (jobs speaking them finish) and tells core the
 * new list in a {@link FromWorker.CatalogChanged}; core, which hears it from every worker, logs it.
 */
final class VoiceWatcher implements Runnable {

    private static final Logger LOG = Logger.getLogger(VoiceWatcher.class.getName());
    static final Duration RESCAN_INTERVAL = Duration.ofSeconds(5);
    static final Duration SETTLING_POLL = Duration.ofMillis(250);

    private final List<Path> dirs;
    private final EngineRegistry engines;
    private final VoiceCache voices;
    private final WorkerOutput output;
    private final Map<Path, WatchKey> watched = new HashMap<>();

    private VoiceWatcher(List<Path> dirs, EngineRegistry engines, VoiceCache voices, WorkerOutput output) {
        this.dirs = dirs;
        this.engines = engines;
        this.voices = voices;
        this.output = output;
    }

    static void start(List<Path> dirs, EngineRegistry engines, VoiceCache voices, WorkerOutput output) {
        Thread.ofPlatform().name("voice-watcher").daemon().start(new VoiceWatcher(dirs, engines, voices, output));
    }

    @Override
    public void run() {
        try (WatchService events = FileSystems.getDefault().newWatchService()) {
            boolean settling = false;
            while (true) {
                watchNewDirs(events);
                settling = lookAgain();
                awaitEvents(events, settling ? SETTLING_POLL : RESCAN_INTERVAL);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot watch the voice directories; looking every " + RESCAN_INTERVAL.toSeconds() + " s", e);
            pollForever();
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // the worker is exiting
        }
    }

    private void pollForever() {
        try {
            while (true) {
                Thread.sleep(lookAgain() ? SETTLING_POLL : RESCAN_INTERVAL);
            }
        } catch (InterruptedException e) {
            // the worker is exiting
        }
    }

    /** @return whether files are still being written */
    private boolean lookAgain() {
        VoiceChanges changes;
        try {
            changes = engines.refresh();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "looking at the voice directories failed", e);
            return false;
        }
        if (changes.any()) {
            Set<String> stale = new HashSet<>(changes.removed());
            stale.addAll(changes.replaced());
            voices.forget(stale);
            LOG.fine(() -> "voices added " + changes.added() + ", removed " + changes.removed() + ", replaced " + changes.replaced());
            output.send(new FromWorker.CatalogChanged(engines.describe()));
        }
        return changes.settling();
    }

    /** Registers directories that exist now and are not watched (created since, or re-created). */
    private void watchNewDirs(WatchService events) {
        watched.values().removeIf(key -> !key.isValid());
        for (Path dir : dirs) {
            if (!watched.containsKey(dir) && Files.isDirectory(dir)) {
                try {
                    watched.put(dir, dir.register(events, StandardWatchEventKinds.ENTRY_CREATE,
                            StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE));
                } catch (IOException e) {
                    LOG.fine(() -> "cannot watch " + dir + " (looked at every " + RESCAN_INTERVAL.toSeconds() + " s): " + e);
                }
            }
        }
    }

    /** Waits up to {@code timeout} for file events, then takes every event that came. */
    private static void awaitEvents(WatchService events, Duration timeout) throws InterruptedException {
        for (WatchKey key = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS); key != null; key = events.poll()) {
            key.pollEvents();
            key.reset();
        }
    }
}
