package org.assistantapi.workers;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.assistantapi.engines.EngineException;
import org.assistantapi.engines.SpeechEngine;
import org.assistantapi.engines.Voice;
import org.assistantapi.engines.VoiceChanges;
import org.assistantapi.engines.VoiceInfo;
import org.assistantapi.engines.espeak.EspeakEngine;
import org.assistantapi.engines.piper.PiperEngine;
import org.assistantapi.workers.protocol.VoiceDescriptor;
import org.assistantapi.workers.protocol.WorkerOptions;

/** The engines this worker runs, and which of them speaks a given voice id. */
final class EngineRegistry implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EngineRegistry.class.getName());

    private final List<SpeechEngine> engines;

    EngineRegistry(List<SpeechEngine> engines) {
        this.engines = List.copyOf(engines);
    }

    /** Opens every engine that can run on this machine; one that cannot is logged and left out. */
    static EngineRegistry open(WorkerOptions options) {
        List<SpeechEngine> engines = new ArrayList<>();
        engines.add(new PiperEngine(WorkerTuning.piper(options)));
        try {
            engines.add(new EspeakEngine());
        } catch (EngineException e) {
            LOG.log(Level.SEVERE, "espeak-ng engine unavailable: " + e.getMessage(), e);
        }
        return new EngineRegistry(engines);
    }

    List<VoiceInfo> voices() {
        return engines.stream().flatMap(engine -> engine.voices().stream()).toList();
    }

    /** The voices as core is told of them. */
    List<VoiceDescriptor> describe() {
        List<VoiceDescriptor> described = new ArrayList<>();
        for (SpeechEngine engine : engines) {
            for (VoiceInfo v : engine.voices()) {
                described.add(new VoiceDescriptor(v.id(), v.engine(), v.language(), v.sampleRate(), v.speakerCount(),
                        v.speakers(), engine.revision(v.id())));
            }
        }
        return described;
    }

    /** Every engine's look at its voice files; see {@link SpeechEngine#refresh}. */
    VoiceChanges refresh() {
        VoiceChanges changes = VoiceChanges.NONE;
        for (SpeechEngine engine : engines) {
            changes = changes.and(engine.refresh());
        }
        return changes;
    }

    Voice load(String voiceId) throws EngineException {
        for (SpeechEngine engine : engines) {
            for (VoiceInfo voice : engine.voices()) {
                if (voice.id().equals(voiceId)) {
                    return engine.load(voiceId);
                }
            }
        }
        throw new EngineException(EngineException.VOICE_NOT_FOUND, "no voice " + voiceId);
    }

    @Override
    public void close() {
        engines.forEach(SpeechEngine::close);
    }
}
