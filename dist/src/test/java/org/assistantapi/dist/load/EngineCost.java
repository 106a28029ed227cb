package org.assistantapi.dist.load;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

import org.assistantapi.engines.EngineException;
import org.assistantapi.engines.SynthesisOptions;
import org.assistantapi.engines.Synthesis;
import org.assistantapi.engines.Voice;
import org.assistantapi.engines.espeak.EspeakEngine;

/**
 * The engine's own CPU time per second of audio: the voice the clients ask for, run in this JVM
 * (the same engine classes and libespeak-ng the workers use) on the same texts, timed with this
 * thread's CPU clock after a warm-up. Run while no load is on, so it competes for nothing. It
 * covers sentence splitting and espeak-ng's synthesis; not resampling, encoding or framing, which
 * the workers do on top.
 */
final class EngineCost {

    private static final int WARM_UP_ROUNDS = 5;
    private static final int ROUNDS = 20;

    private EngineCost() {
    }

    static double msPerAudioSecond(List<Text> texts) throws EngineException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (EspeakEngine engine = new EspeakEngine(); Voice voice = engine.load(ApiClient.VOICE)) {
            for (int i = 0; i < WARM_UP_ROUNDS; i++) {
                speak(voice, texts);
            }
            long cpuBefore = threads.getCurrentThreadCpuTime();
            long samples = 0;
            for (int i = 0; i < ROUNDS; i++) {
                samples += speak(voice, texts);
            }
            double cpuMillis = (threads.getCurrentThreadCpuTime() - cpuBefore) / 1e6;
            return cpuMillis / ((double) samples / voice.info().sampleRate());
        }
    }

    private static long speak(Voice voice, List<Text> texts) throws EngineException {
        long[] samples = {0};
        for (Text text : texts) {
            Synthesis synthesis = voice.synthesize(text.input(), SynthesisOptions.DEFAULT);
            while (synthesis.speakNext((pcm, offset, length) -> {
                samples[0] += length;
                return true;
            })) {
                // one sentence per call
            }
        }
        return samples[0];
    }
}
