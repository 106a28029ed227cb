package org.assistantapi.engines.piper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.assistantapi.engines.EngineException;

/**
 * A voice's {@code <id>.onnx.json} as Piper's training exports it, with Piper's defaults for
 * absent fields. Phonemes are single code points, as Piper requires.
 *
 * @param sampleRate    {@code audio.sample_rate}
 * @param language      {@code language.code} as a lower-case tag ({@code en_US} → {@code en-us}),
 *                      else the espeak-ng voice
 * @param phonemeType   {@code phoneme_type}
 * @param espeakVoice   {@code espeak.voice}, the espeak-ng voice that phonemizes
 * @param phonemeMap    {@code phoneme_map}: phoneme → the phonemes that replace it
 * @param phonemeIdMap  {@code phoneme_id_map}: phoneme → its model ids
 * @param noiseScale    {@code inference.noise_scale}
 * @param lengthScale   {@code inference.length_scale} (larger is slower)
 * @param noiseW        {@code inference.noise_w}
 * @param numSpeakers   {@code num_speakers}
 * @param speakerIdMap  {@code speaker_id_map}: speaker name → speaker id
 */
record PiperVoiceConfig(int sampleRate, String language, PhonemeType phonemeType, String espeakVoice,
                        Map<Integer, List<Integer>> phonemeMap, Map<Integer, List<Long>> phonemeIdMap,
                        float noiseScale, float lengthScale, float noiseW,
                        int numSpeakers, Map<String, Integer> speakerIdMap) {

    /** Where phonemes come from: espeak-ng's IPA, or the text's own code points. */
    enum PhonemeType { ESPEAK, TEXT }

    static final int BOS = '^';
    static final int PAD = '_';
    static final int EOS = '$';

    private static final ObjectMapper JSON = new ObjectMapper();

    PiperVoiceConfig {
        phonemeMap = Map.copyOf(phonemeMap);
        phonemeIdMap = Map.copyOf(phonemeIdMap);
        speakerIdMap = Map.copyOf(speakerIdMap);
    }

    /** Reads and checks a voice config; anything unusable is {@code voice_unavailable}. */
    static PiperVoiceConfig read(Path file) throws EngineException {
        try {
            return parse(JSON.readTree(file.toFile()));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new EngineException(EngineException.VOICE_UNAVAILABLE, file + ": invalid JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                    + ": " + e.getOriginalMessage(), e);
        } catch (IOException | IllegalArgumentException e) {
            throw new EngineException(EngineException.VOICE_UNAVAILABLE, file + ": " + e.getMessage(), e);
        }
    }

    private static PiperVoiceConfig parse(JsonNode root) {
        if (!root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String espeakVoice = text(root.path("espeak"), "voice", "en-us");
        String languageCode = text(root.path("language"), "code", espeakVoice);
        JsonNode inference = root.path("inference");
        int numSpeakers = integer(root, "num_speakers", 1);
        int sampleRate = integer(root.path("audio"), "sample_rate", 22050);
        if (sampleRate <= 0 || numSpeakers <= 0) {
            throw new IllegalArgumentException("audio.sample_rate and num_speakers must be positive");
        }
        float lengthScale = number(inference, "length_scale", 1.0f);
        if (!(lengthScale > 0)) {
            throw new IllegalArgumentException("inference.length_scale must be positive");
        }
        return new PiperVoiceConfig(
                sampleRate,
                languageCode.replace('_', '-').toLowerCase(Locale.ROOT),
                phonemeType(text(root, "phoneme_type", "espeak")),
                espeakVoice,
                phonemeMap(root.path("phoneme_map")),
                phonemeIdMap(root.path("phoneme_id_map")),
                number(inference, "noise_scale", 0.667f),
                lengthScale,
                number(inference, "noise_w", 0.8f),
                numSpeakers,
                speakerIdMap(root.path("speaker_id_map"), numSpeakers));
    }

    private static PhonemeType phonemeType(String name) {
        return switch (name) {
            case "espeak" -> PhonemeType.ESPEAK;
            case "text" -> PhonemeType.TEXT;
            default -> throw new IllegalArgumentException("unsupported phoneme_type " + name);
        };
    }

    private static Map<Integer, List<Integer>> phonemeMap(JsonNode node) {
        Map<Integer, List<Integer>> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : object(node, "phoneme_map").properties()) {
            List<Integer> to = new ArrayList<>();
            for (JsonNode phoneme : array(entry.getValue(), "phoneme_map")) {
                to.add(codePoint(phoneme.asText(), "phoneme_map"));
            }
            map.put(codePoint(entry.getKey(), "phoneme_map"), to);
        }
        return map;
    }

    private static Map<Integer, List<Long>> phonemeIdMap(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            throw new IllegalArgumentException("phoneme_id_map is missing");
        }
        Map<Integer, List<Long>> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : object(node, "phoneme_id_map").properties()) {
            List<Long> ids = new ArrayList<>();
            for (JsonNode id : array(entry.getValue(), "phoneme_id_map")) {
                if (!id.canConvertToLong() || !id.isIntegralNumber()) {
                    throw new IllegalArgumentException("phoneme_id_map: ids must be integers: " + entry.getKey());
                }
                ids.add(id.longValue());
            }
            map.put(codePoint(entry.getKey(), "phoneme_id_map"), ids);
        }
        for (int required : new int[] {BOS, PAD, EOS}) {
            if (!map.containsKey(required)) {
                throw new IllegalArgumentException("phoneme_id_map lacks " + Character.toString(required));
            }
        }
        return map;
    }

    private static Map<String, Integer> speakerIdMap(JsonNode node, int numSpeakers) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : object(node, "speaker_id_map").properties()) {
            int id = entry.getValue().asInt(-1);
            if (!entry.getValue().isIntegralNumber() || id < 0 || id >= numSpeakers) {
                throw new IllegalArgumentException("speaker_id_map: bad id for " + entry.getKey());
            }
            map.put(entry.getKey(), id);
        }
        return map;
    }

    private static int codePoint(String phoneme, String field) {
        if (phoneme.codePointCount(0, phoneme.length()) != 1) {
            throw new IllegalArgumentException(field + ": phonemes must be one code point: \"" + phoneme + "\"");
        }
        return phoneme.codePointAt(0);
    }

    /** An absent or null object reads as empty. */
    private static JsonNode object(JsonNode node, String field) {
        if (node.isMissingNode() || node.isNull()) {
            return JSON.createObjectNode();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(field + " must be an object");
        }
        return node;
    }

    private static JsonNode array(JsonNode node, String field) {
        if (!node.isArray()) {
            throw new IllegalArgumentException(field + " values must be arrays");
        }
        return node;
    }

    private static String text(JsonNode parent, String field, String fallback) {
        JsonNode node = parent.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return node.textValue();
    }

    private static int integer(JsonNode parent, String field, int fallback) {
        JsonNode node = parent.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new IllegalArgumentException(field + " must be an integer");
        }
        return node.intValue();
    }

    private static float number(JsonNode parent, String field, float fallback) {
        JsonNode node = parent.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        if (!node.isNumber()) {
            throw new IllegalArgumentException(field + " must be a number");
        }
        return node.floatValue();
    }
}
