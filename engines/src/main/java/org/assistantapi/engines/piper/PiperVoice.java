package org.assistantapi.engines.piper;

import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.assistantapi.engines.EngineException;
import org.assistantapi.engines.PcmSink;
import org.assistantapi.engines.Pieces;
import org.assistantapi.engines.SpokenSentence;
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

    private static final Logger LOG = Logger.getLogger(PiperVoice.class.getName());
    /**
     * The hard bound on a piece, in phonemes (about 2 ids each, ~25 ms of audio per id): ~20 s of
     * audio, a few MB of floats, whatever the voice costs.
     */
    static final int MAX_PIECE_PHONEMES = 400;
    /** Pieces never get shorter than this (a few words), however slow the machine seems. */
    private static final int MIN_PIECE_PHONEMES = 12;
    /**
     * A windowed voice's leading piece (see {@link #cut(PhonemeSentence, boolean, Duration)}): about five words,
     * 1.5 s of audio, whose front costs a quarter of a 20-word sentence's.
     */
    static final int LEAD_PHONEMES = 30;
    /** A later piece may run to this many times its budget to end at a clause boundary. */
    private static final int HARD_TO_SOFT = 3;
    /** Weight of the newest measurement in the running cost per phoneme. */
    private static final double COST_WEIGHT = 0.2;
    private static final String WARM_UP_TEXT = "This short sentence warms the voice up.";

    private final VoiceInfo info;
    private final PiperVoiceConfig config;
    private final PiperPhonemizer phonemizer;
    private final PhonemeIdMapper idMapper;
    private final PiperModel model;
    private final DecoderWindows windows;
    private final short[] silence;
    private final PiperSettings settings;
    /** Inference time per phoneme, measured: the first guess is replaced by the warm-up's. */
    private double nanosPerPhoneme = 1_000_000;
    /** A windowed voice's decoding time per frame the decoder runs on (context included), measured like {@link #nanosPerPhoneme}. */
    private double nanosPerDecodedFrame = 1_000_000;

    PiperVoice(VoiceInfo info, PiperVoiceConfig config, PiperPhonemizer phonemizer, PhonemeIdMapper idMapper,
               PiperModel model, DecoderWindows windows, PiperSettings settings) {
        this.info = info;
        this.config = config;
        this.phonemizer = phonemizer;
        this.idMapper = idMapper;
        this.model = model;
        this.settings = settings;
        this.windows = windows;
        this.silence = new short[Math.toIntExact(settings.sentenceSilence().toNanos() * config.sampleRate() / 1_000_000_000L)];
    }

    /**
     * Runs a short sentence twice: the first run pays ONNX Runtime's one-time costs (so the first
     * real request is not slower than the second), the second measures the voice's cost per
     * phoneme, which sizes the pieces. A voice that cannot speak the warm-up text keeps the guess.
     */
    void warmUp() {
        try {
            for (int run = 0; run < 2; run++) {
                PiperSynthesis warmUp = synthesize(WARM_UP_TEXT, SynthesisOptions.DEFAULT);
                while (warmUp.speakNext((samples, offset, length) -> true)) {
                    // discarded
                }
                if (run == 0) { // the second run's measurements replace the first's outright
                    nanosPerPhoneme = -1;
                    nanosPerDecodedFrame = -1;
                }
            }
        } catch (EngineException | RuntimeException e) {
            LOG.log(Level.WARNING, "voice " + info.id() + ": warm-up failed: " + e.getMessage(), e);
        }
    }

    /** Records an inference's time, for sizing the pieces. */
    void measured(int phonemes, long inferenceNanos) {
        nanosPerPhoneme = runningCost(nanosPerPhoneme, inferenceNanos / (double) Math.max(1, phonemes));
    }

    /** Records a decoder window's time, for sizing windows to a caller's budget. */
    void decodedWindow(int decodedFrames, long nanos) {
        nanosPerDecodedFrame = runningCost(nanosPerDecodedFrame, nanos / (double) Math.max(1, decodedFrames));
    }

    private static double runningCost(double running, double cost) {
        return running < 0 ? cost : (1 - COST_WEIGHT) * running + COST_WEIGHT * cost;
    }

    /**
     * The most frames a decoder window may hold to take about {@code budget} at the measured cost,
     * its two contexts counted (0 when even those do not fit: the windows' own minimum applies).
     */
    int windowFramesWithin(Duration budget) {
        double nanos = budget.getSeconds() * 1e9 + budget.getNano();
        int context = model.split().map(split -> split.field().contextFrames()).orElse(0);
        return (int) Math.clamp(nanos / Math.max(1.0, nanosPerDecodedFrame) - 2.0 * context, 0, Integer.MAX_VALUE);
    }

    /**
     * The phonemes of a sentence's pieces, for a sentence begun in a call with {@code budget}. A
     * voice that runs whole cuts it to what fits the budgets at its measured cost, the text's first
     * piece to the first piece's budget. A windowed voice's windows bound each call's work instead,
     * so its sentences are cut only at the hard bound (which bounds the front's memory), except when
     * not even the first window fits the budget: another listener is dry, and the front over the
     * whole sentence (34 ms of the 54 before a 20-word sentence's first audio, medium voice) is what
     * keeps it waiting. Then a sentence over twice {@link #LEAD_PHONEMES}, whichever of its text,
     * opens with a leading piece of at most that many, ended at a clause where one is, else after a
     * word, and the rest follows as one piece. The lead is rendered on its own, so its last word
     * ends as a phrase does; a sentence begun with a looser budget is unchanged.
     */
    List<String> cut(PhonemeSentence sentence, boolean firstOfText, Duration budget) {
        if (windowed()) {
            boolean lead = sentence.phonemes().length() > 2 * LEAD_PHONEMES
                    && windowFramesWithin(budget) < windows.firstFrames();
            Pieces pieces = lead ? new Pieces(LEAD_PHONEMES, MAX_PIECE_PHONEMES, MAX_PIECE_PHONEMES)
                    : Pieces.hardOnly(MAX_PIECE_PHONEMES);
            return pieces.cut(sentence.phonemes(), sentence.clauseEnds(), true);
        }
        int soft = phonemesWithin(settings.pieceBudget().toNanos());
        int first = phonemesWithin(settings.firstPieceBudget().toNanos());
        int hard = Math.min(MAX_PIECE_PHONEMES, Math.max(soft, first) * HARD_TO_SOFT);
        return new Pieces(Math.min(first, hard), Math.min(soft, hard), hard)
                .cut(sentence.phonemes(), sentence.clauseEnds(), firstOfText);
    }

    private int phonemesWithin(long nanos) {
        double phonemes = nanos / Math.max(1.0, nanosPerPhoneme);
        return (int) Math.clamp(phonemes, MIN_PIECE_PHONEMES, MAX_PIECE_PHONEMES);
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
        List<PhonemeSentence> sentences = phonemizer.phonemize(text);
        long phonemizeNanos = System.nanoTime() - start;
        PiperModel.Scales scales = new PiperModel.Scales(config.noiseScale(),
                (float) (config.lengthScale() / options.speed()), config.noiseW());
        // Piper feeds sid only to multi-speaker models.
        return new PiperSynthesis(this, sentences, scales, config.numSpeakers() > 1 ? speaker : -1, phonemizeNanos);
    }

    @Override
    public List<SpokenSentence> phonemize(String text) throws EngineException {
        return phonemizer.sentences(text);
    }

    @Override
    public void close() {
        model.close();
    }

    PhonemeIdMapper.PhonemeIds ids(String phonemes) {
        return idMapper.map(phonemes);
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
