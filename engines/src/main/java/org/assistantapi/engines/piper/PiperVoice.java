package org.assistantapi.engines.piper;

import java.time.Duration;
import java.util.List;

import org.assistantapi.engines.EngineException;
import org.assistantapi.engines.PcmSink;
import org.assistantapi.engines.SynthesisOptions;
import org.assistantapi.engines.Voice;
import org.assistantapi.engines.VoiceInfo;

/**
 * A loaded Piper voice: phonemize, ids, infer, convert, as Piper's {@code textToAudio} does, one
 * sentence per {@link PiperSynthesis#speakNext} call; a voice whose network was split decodes each
 * sentence in windows (null {@code windows} when it runs whole). Closing it closes its ONNX
 * Runtime sessions.
 */
public final class PiperVoice implements Voice {

    private final VoiceInfo info;
    private final PiperVoiceConfig config;
    private final PiperPhonemizer phonemizer;
    private final PhonemeIdMapper idMapper;
    private final PiperModel model;
    private final DecoderWindows windows;
    private final short[] silence;

    PiperVoice(VoiceInfo info, PiperVoiceConfig config, PiperPhonemizer phonemizer, PhonemeIdMapper idMapper,
               PiperModel model, DecoderWindows windows, Duration sentenceSilence) {
        this.info = info;
        this.config = config;
        this.phonemizer = phonemizer;
        this.idMapper = idMapper;
        this.model = model;
        this.windows = windows;
        this.silence = new short[Math.toIntExact(sentenceSilence.toNanos() * config.sampleRate() / 1_000_000_000L)];
    }

    @Override
    public VoiceInfo info() {
        return info;
    }

    /**
     * Phonemizes the whole text now (it is fast) and returns its sentences, each synthesized only
     * when spoken. OpenAI's speed divides the voice's length_scale.
     */
    @Override
    public PiperSynthesis synthesize(String text, SynthesisOptions options) throws EngineException {
        int speaker = info.speakerNumber(options.speaker());
        if (speaker < 0) {
            throw new EngineException(EngineException.INVALID_SPEAKER, "voice " + info.id() + " has no speaker "
                    + options.speaker() + " (names " + info.speakers().keySet() + " or numbers below "
                    + info.speakerCount() + ")");
        }
        long start = System.nanoTime();
        List<String> sentences = phonemizer.phonemize(text);
        long phonemizeNanos = System.nanoTime() - start;
        PiperModel.Scales scales = new PiperModel.Scales(config.noiseScale(),
                (float) (config.lengthScale() / options.speed()), config.noiseW());
        // Piper feeds sid only to multi-speaker models.
        return new PiperSynthesis(this, sentences, scales, config.numSpeakers() > 1 ? speaker : -1, phonemizeNanos);
    }

    @Override
    public void close() {
        model.close();
    }

    long[] ids(String phonemes) {
        return idMapper.toIds(phonemes);
    }

    PiperModel model() {
        return model;
    }

    /** How sentences are cut into decoder windows, or null when the voice runs whole. */
    DecoderWindows windows() {
        return windows;
    }

    /** Whether sentences are decoded in windows (the network was split when the voice loaded). */
    public boolean windowed() {
        return windows != null;
    }

    void speakSilence(PcmSink sink) {
        if (silence.length > 0) {
            sink.accept(silence, 0, silence.length);
        }
    }
}
