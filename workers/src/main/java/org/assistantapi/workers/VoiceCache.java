package org.assistantapi.workers;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import org.assistantapi.engines.EngineException;
import org.assistantapi.engines.Voice;

/**
 * Loaded voices, the least recently used unloaded past a maximum. A voice still speaking for a
 * job is never unloaded: the cache may hold more than its maximum until those jobs end.
 */
final class VoiceCache implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(VoiceCache.class.getName());

    private final EngineRegistry engines;
    private final int maxLoaded;
    private final LinkedHashMap<String, Voice> loaded = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, Integer> users = new HashMap<>();
    /** The loaded ids as of the last change, readable while a voice loads under the lock. */
    private volatile List<String> loadedIds = List.of();

    VoiceCache(EngineRegistry engines, int maxLoaded) {
        this.engines = engines;
        this.maxLoaded = maxLoaded;
    }

    /** Loads a voice (or finds it loaded) without holding it: for prewarming. */
    synchronized Voice get(String voiceId) throws EngineException {
        Voice voice = loaded.get(voiceId);
        if (voice == null) {
            voice = engines.load(voiceId);
            loaded.put(voiceId, voice);
            evictIdleOverflow();
            loadedIds = List.copyOf(loaded.keySet());
        }
        return voice;
    }

    /** Without the lock: the heartbeat reads it while the synthesis thread may be loading a voice. */
    List<String> loadedIds() {
        return loadedIds;
    }

    /** A voice for a job, held until {@link #release} so that it is not unloaded mid-text. */
    synchronized Voice acquire(String voiceId) throws EngineException {
        Voice voice = get(voiceId);
        users.merge(voiceId, 1, Integer::sum);
        return voice;
    }

    synchronized void release(String voiceId) {
        users.computeIfPresent(voiceId, (id, count) -> count > 1 ? count - 1 : null);
        evictIdleOverflow();
    }

    private void evictIdleOverflow() {
        Iterator<Map.Entry<String, Voice>> eldestFirst = loaded.entrySet().iterator();
        while (loaded.size() > maxLoaded && eldestFirst.hasNext()) {
            Map.Entry<String, Voice> entry = eldestFirst.next();
            if (!users.containsKey(entry.getKey())) {
                LOG.info("unloading voice " + entry.getKey());
                entry.getValue().close();
                eldestFirst.remove();
                loadedIds = List.copyOf(loaded.keySet());
            }
        }
    }

    @Override
    public synchronized void close() {
        loaded.values().forEach(Voice::close);
        loaded.clear();
        loadedIds = List.of();
    }
}
