package org.assistantapi.engines.piper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.assistantapi.engines.PcmSink;
import org.assistantapi.engines.SynthesisOptions;
import org.assistantapi.engines.WordTiming;
import org.assistantapi.engines.piper.RealisticVoices.Quality;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Word timings of a split Piper voice against a reference computed here from the front's
 * durations: each word starts where the durations of the ids before its first phoneme add up to
 * (Piper's ids: start, pad, then each phoneme's one id and a pad). The duration noise is off
 * ({@code noise_w} 0), so both runs of the front draw the same durations.
 */
class PiperWordTimingsTest {

    /** Words espeak-ng speaks one phoneme run each (it joins some, "on the" into "ɔnðə"). */
    private static final String TEXT = "Please dim seven kitchen lights, tonight.";
    private static final List<String> WORDS = List.of("Please", "dim", "seven", "kitchen", "lights", "tonight");
    private static final int HOP = 256;

    @ParameterizedTest
    @EnumSource(Quality.class)
    void eachWordStartsWithinOneHopOfTheDurationSum(Quality quality, @TempDir Path voices) throws Exception {
        String id = RealisticVoices.copyWithoutNoise(quality, voices, "noise_w");
        for (double speed : new double[] {1.0, 1.5}) {
            try (PiperEngine engine = new PiperEngine(PiperSettings.of(List.of(voices)));
                 PiperVoice voice = (PiperVoice) engine.load(id)) {
                String phonemes = voice.phonemize(TEXT).getFirst().phonemes();
                assertEquals(WORDS.size(), phonemes.split(" ").length, phonemes);
                List<WordTiming> words = new ArrayList<>();
                long[] samples = {0};
                PcmSink sink = new PcmSink() {
                    @Override
                    public boolean accept(short[] pcm, int offset, int length) {
                        samples[0] += length;
                        return true;
                    }

                    @Override
                    public void word(WordTiming word) {
                        words.add(word);
                    }
                };
                PiperSynthesis synthesis = voice.synthesize(TEXT, new SynthesisOptions(speed, null));
                while (synthesis.speakNext(sink)) {
                    // a window per call
                }
                float[] durations = referenceDurations(voice, PiperVoiceConfig.read(voices.resolve(id + ".onnx.json")), phonemes, speed);
                assertEquals(WORDS, words.stream().map(WordTiming::text).toList());
                int wordIndex = 0;
                long previousEnd = 0;
                for (int at = 0; at < phonemes.length(); at++) {
                    boolean startsWord = at == 0 || phonemes.charAt(at - 1) == ' ';
                    if (!startsWord) {
                        continue;
                    }
                    long reference = 0;
                    for (int i = 0; i < 2 + 2 * at; i++) {
                        reference += (long) durations[i] * HOP;
                    }
                    WordTiming word = words.get(wordIndex++);
                    assertTrue(Math.abs(word.startSample() - reference) <= HOP,
                            quality + " at speed " + speed + ": " + word + " against " + reference);
                    assertTrue(word.startSample() >= previousEnd && word.endSample() > word.startSample(), word.toString());
                    assertTrue(word.endSample() <= samples[0], word + " within " + samples[0] + " samples");
                    previousEnd = word.endSample();
                }
                assertEquals(WORDS.size(), wordIndex);
            }
        }
    }

    /** The front's durations for the phonemes (one code point, one id each), the ids built here from the voice's map. */
    private static float[] referenceDurations(PiperVoice voice, PiperVoiceConfig config, String phonemes, double speed)
            throws Exception {
        List<Long> ids = new ArrayList<>(List.of(config.phonemeIdMap().get((int) '^').getFirst(),
                config.phonemeIdMap().get((int) '_').getFirst()));
        phonemes.codePoints().forEach(p -> {
            ids.add(config.phonemeIdMap().get(p).getFirst());
            ids.add(config.phonemeIdMap().get((int) '_').getFirst());
        });
        ids.add(config.phonemeIdMap().get((int) '$').getFirst());
        PiperModel.Scales scales = new PiperModel.Scales(config.noiseScale(), (float) (config.lengthScale() / speed), 0f);
        return voice.model().split().orElseThrow()
                .front(ids.stream().mapToLong(Long::longValue).toArray(), scales, -1).durations();
    }
}
