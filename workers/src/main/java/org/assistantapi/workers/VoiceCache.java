package org.assistantapi.workers;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

import org.assistantapi.engines.EngineException;
import org.assistantapi.engines.Voice;

/**
 * Loaded voices, the least recently used unloaded past a maximum. A voice still speaking for a
 * job is never unloaded: the cache may hold more than its maximum until those jobs end. A voice
 * whose files were removed or replaced is forgotten: the next job loads it afresh, and the old
 * one is closed when the last job speaking it ends.
 */
final class VoiceCache implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(VoiceCache.class.getName());

    private final EngineRegistry engines;
    private final int maxLoaded;
    private final LinkedHashMap<String, Voice> loaded = new LinkedHashMap<>(16, 0.75f, true);
    /** Jobs speaking each voice instance, loaded or forgotten. */
    private final Map<Voice, Integer> users = new IdentityHashMap<>();
    /** Forgotten voices that jobs still speak: closed when the last of them ends. */
    private final Set<Voice> retired = Collections.newSetFromMap(new IdentityHashMap<>());

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
        }
        return voice;
    }

    synchronized List<String> loadedIds() {
        return List.copyOf(loaded.keySet());
    }

    /** A voice for a job, held until {@link #release} so that it is not unloaded mid-text. */
    synchronized Voice acquire(String voiceId) throws EngineException {
        Voice voice = get(voiceId);
        users.merge(voice, 1, Integer::sum);
        return voice;
    }

    synchronized void release(Voice voice) {
        users.computeIfPresent(voice, (v, count) -> count > 1 ? count - 1 : null);
        if (!users.containsKey(voice) && retired.remove(voice)) {
            LOG.info("closing the old files of voice " + voice.info().id() + ": its last job ended");
            voice.close();
        }
        evictIdleOverflow();
    }

    /** Voices whose files changed or went: new jobs load them again (or fail to), jobs speaking them finish. */
    synchronized void forget(Set<String> voiceIds) {
        for (String id : voiceIds) {
            Voice voice = loaded.remove(id);
            if (voice == null) {
                continue;
            }
            if (users.containsKey(voice)) {
                retired.add(voice);
            } else {
                voice.close();
            }
        }
    }

    private void evictIdleOverflow() {
        Iterator<Map.Entry<String, Voice>> eldestFirst = loaded.entrySet().iterator();
        while (loaded.size() > maxLoaded && eldestFirst.hasNext()) {
            Map.Entry<String, Voice> entry = eldestFirst.next();
            if (!users.containsKey(entry.getValue())) {
                LOG.info("unloading voice " + entry.getKey());
                entry.getValue().close();
                eldestFirst.remove();
            }
        }
    }

    @Override
    public synchronized void close() {
        loaded.values().forEach(Voice::close);
        loaded.clear();
        retired.forEach(Voice::close);
        retired.clear();
    }
}
