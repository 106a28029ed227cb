package org.assistantapi.engines.piper;

import java.io.IOException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.assistantapi.engines.EngineException;
import org.assistantapi.engines.PcmSink;
import org.assistantapi.engines.Synthesis;

/**
 * The committed test voices (src/test/voices, made by make_test_voices.py) and how to read their
 * audio back: each phoneme id is a block of a pure tone at bin {@code 8 + stride·id + sid} of a
 * 1024-point grid, {@code floor(1024 · length_scale)} samples long.
 */
final class TestVoices {

    static final Path DIR = Path.of("src/test/voices");
    /** 22050 Hz, one speaker, tone stride 2. */
    static final String SINGLE = "en_US-tones-medium";
    /** 16000 Hz, speakers alice, bob and carol, tone stride 3. */
    static final String MULTI = "en_US-tonesmulti-low";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int GRID = 1024;
    private static final int BASE = 8;
    private static final int MAX_ID = 160;

    /** One decoded tone block. */
    record Tone(long id, int speaker) {
    }

    /** What one {@code speakNext} call delivered. */
    record Spoken(boolean spoke, List<short[]> chunks) {

        static Spoken next(Synthesis synthesis) throws EngineException {
            return next(synthesis, true);
        }

        static Spoken next(Synthesis synthesis, boolean accept) throws EngineException {
            List<short[]> chunks = new ArrayList<>();
            PcmSink sink = (pcm, offset, length) -> {
                chunks.add(Arrays.copyOfRange(pcm, offset, offset + length));
                return accept;
            };
            return new Spoken(synthesis.speakNext(sink), chunks);
        }

        short[] speech() {
            return chunks.getFirst();
        }

        int peak() {
            int peak = 0;
            for (short sample : speech()) {
                peak = Math.max(peak, Math.abs(sample));
            }
            return peak;
        }
    }

    private TestVoices() {
    }

    /** Copies a test voice into {@code dir} as {@code newId}, with its config edited. */
    static void copy(String id, Path dir, String newId, Consumer<ObjectNode> edit, CopyOption... options) throws IOException {
        Files.copy(DIR.resolve(id + ".onnx"), dir.resolve(newId + ".onnx"), options);
        ObjectNode config = (ObjectNode) JSON.readTree(DIR.resolve(id + ".onnx.json").toFile());
        edit.accept(config);
        JSON.writeValue(dir.resolve(newId + ".onnx.json").toFile(), config);
    }

    /** Piper's ids for one sentence's phonemes, from the test voices' phoneme_id_map. */
    static List<Long> expectedIds(String phonemes) throws IOException {
        Map<Integer, Long> map = new HashMap<>();
        JsonNode idMap = JSON.readTree(DIR.resolve(SINGLE + ".onnx.json").toFile()).get("phoneme_id_map");
        idMap.properties().forEach(e -> map.put(e.getKey().codePointAt(0), e.getValue().get(0).longValue()));
        List<Long> ids = new ArrayList<>(List.of(map.get((int) '^'), map.get((int) '_')));
        phonemes.codePoints().filter(map::containsKey).forEach(p -> {
            ids.add(map.get(p));
            ids.add(map.get((int) '_'));
        });
        ids.add(map.get((int) '$'));
        return ids;
    }

    /** Decodes speech made of {@code blockLength}-sample tone blocks (Goertzel, best bin per block). */
    static List<Tone> decode(short[] speech, int blockLength, int stride, int speakers) {
        if (speech.length % blockLength != 0) {
            throw new AssertionError(speech.length + " samples are not whole blocks of " + blockLength);
        }
        List<Tone> tones = new ArrayList<>();
        for (int from = 0; from < speech.length; from += blockLength) {
            Tone best = null;
            double bestPower = -1;
            for (int id = 0; id <= MAX_ID; id++) {
                for (int speaker = 0; speaker < speakers; speaker++) {
                    double power = power(speech, from, blockLength, BASE + stride * id + speaker);
                    if (power > bestPower) {
                        bestPower = power;
                        best = new Tone(id, speaker);
                    }
                }
            }
            tones.add(best);
        }
        return tones;
    }

    private static double power(short[] x, int from, int length, int bin) {
        double coefficient = 2 * Math.cos(2 * Math.PI * bin / GRID);
        double s1 = 0;
        double s2 = 0;
        for (int i = from; i < from + length; i++) {
            double s0 = x[i] + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return s1 * s1 + s2 * s2 - coefficient * s1 * s2;
    }
}
