package org.assistantapi.workers;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

import org.assistantapi.engines.EngineException;
import org.assistantapi.engines.Voice;

/**
 * Loaded voices, the least recently used unloaded past a maximum. Used only from the synthesis
 * thread, so a voice is never closed while it speaks.
 */
final class VoiceCache implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(VoiceCache.class.getName());

    private final EngineRegistry engines;
    private final int maxLoaded;
    private final LinkedHashMap<String, Voice> loaded = new LinkedHashMap<>(16, 0.75f, true);

    VoiceCache(EngineRegistry engines, int maxLoaded) {
        this.engines = engines;
        this.maxLoaded = maxLoaded;
    }

    Voice get(String voiceId) throws EngineException {
        Voice voice = loaded.get(voiceId);
        if (voice == null) {
            voice = engines.load(voiceId);
            loaded.put(voiceId, voice);
            evictOverflow();
        }
        return voice;
    }

    private void evictOverflow() {
        Iterator<Map.Entry<String, Voice>> eldest = loaded.entrySet().iterator();
        while (loaded.size() > maxLoaded && eldest.hasNext()) {
            Map.Entry<String, Voice> entry = eldest.next();
            LOG.info("unloading voice " + entry.getKey());
            entry.getValue().close();
            eldest.remove();
        }
    }

    @Override
    public void close() {
        loaded.values().forEach(Voice::close);
        loaded.clear();
    }
}
