package org.assistantapi.engines.piper;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Piper's {@code phonemes_to_ids}: ids of {@code ^}, then {@code _}; each phoneme's ids followed
 * by {@code _}; then ids of {@code $}. A phoneme missing from the map is skipped (no pad either)
 * and logged with its count.
 */
final class PhonemeIdMapper {

    private static final Logger LOG = Logger.getLogger(PhonemeIdMapper.class.getName());
    private static final int PROBE_PHONEMES = 24;

    private final String voiceId;
    private final Map<Integer, long[]> ids = new HashMap<>();
    private final long[] bos;
    private final long[] pad;
    private final long[] eos;
    private final int longestIds;

    PhonemeIdMapper(String voiceId, Map<Integer, List<Long>> phonemeIdMap) {
        this.voiceId = voiceId;
        phonemeIdMap.forEach((phoneme, list) -> ids.put(phoneme, list.stream().mapToLong(Long::longValue).toArray()));
        bos = ids.get(PiperVoiceConfig.BOS);
        pad = ids.get(PiperVoiceConfig.PAD);
        eos = ids.get(PiperVoiceConfig.EOS);
        longestIds = ids.values().stream().mapToInt(a -> a.length).max().orElse(0);
    }

    /**
     * One sentence's model input, and where each phoneme's ids start in it.
     *
     * @param ids    the ids
     * @param starts for each UTF-16 offset in the phonemes, the index of the first id of the phoneme
     *               there (or, for a phoneme missing from the map, of whatever follows it); the
     *               entry at the phonemes' length is the index of the end ids
     */
    record PhonemeIds(long[] ids, int[] starts) {
    }

    /** The model input for one sentence's phonemes (one code point each). */
    long[] toIds(String phonemes) {
        return map(phonemes).ids();
    }

    PhonemeIds map(String phonemes) {
        long[] out = new long[bos.length + pad.length + phonemes.length() * (longestIds + pad.length) + eos.length];
        int[] starts = new int[phonemes.length() + 1];
        int size = append(out, 0, bos);
        size = append(out, size, pad);
        Map<Integer, Integer> missing = null;
        for (int at = 0; at < phonemes.length(); ) {
            int phoneme = phonemes.codePointAt(at);
            int next = at + Character.charCount(phoneme);
            Arrays.fill(starts, at, next, size);
            at = next;
            long[] phonemeIds = ids.get(phoneme);
            if (phonemeIds == null) {
                missing = missing == null ? new TreeMap<>() : missing;
                missing.merge(phoneme, 1, Integer::sum);
                continue;
            }
            size = append(out, size, phonemeIds);
            size = append(out, size, pad);
        }
        starts[phonemes.length()] = size;
        size = append(out, size, eos);
        if (missing != null) {
            logMissing(missing);
        }
        return new PhonemeIds(Arrays.copyOf(out, size), starts);
    }

    /**
     * A test sentence of the map's own phonemes (the lowest {@value #PROBE_PHONEMES} code points
     * besides {@code ^ _ $}): valid input for the voice's network, whatever its language.
     */
    long[] probe() {
        StringBuilder phonemes = new StringBuilder();
        new TreeMap<>(ids).keySet().stream()
                .filter(p -> p != PiperVoiceConfig.BOS && p != PiperVoiceConfig.PAD && p != PiperVoiceConfig.EOS)
                .limit(PROBE_PHONEMES).forEach(phonemes::appendCodePoint);
        return toIds(phonemes.toString());
    }

    private void logMissing(Map<Integer, Integer> missing) {
        LOG.warning(() -> "voice " + voiceId + ": phonemes missing from phoneme_id_map were skipped: "
                + missing.entrySet().stream()
                        .map(e -> "\"" + Character.toString(e.getKey()) + "\" " + "(U+%04X) ×%d".formatted(e.getKey(), e.getValue()))
                        .collect(Collectors.joining(", ")));
    }

    private static int append(long[] out, int size, long[] ids) {
        System.arraycopy(ids, 0, out, size, ids.length);
        return size + ids.length;
    }
}
