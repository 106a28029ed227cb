package org.assistantapi.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Texts that made a worker die by a crash signal while its engine read them (a native library's
 * bug, e.g. libespeak-ng 1.51's stack overflow): they are never sent to a worker again, so one
 * client cannot take down worker after worker with the same text. Kept as SHA-256 digests of the
 * stripped text, the most recent {@value #CAPACITY}, for the life of the server.
 */
final class CrashingTexts {

    private static final int CAPACITY = 4096;

    private final Map<String, Boolean> digests = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > CAPACITY;
        }
    };

    synchronized void record(String text) {
        digests.put(digest(text), Boolean.TRUE);
    }

    synchronized boolean contains(String text) {
        return digests.containsKey(digest(text));
    }

    /** @throws SpeechException {@code INPUT_CRASHED_ENGINE} when the text crashed a worker before */
    void refuse(String text) throws SpeechException {
        if (contains(text)) {
            throw new SpeechException(SpeechException.Reason.INPUT_CRASHED_ENGINE,
                    "this input crashed a speech engine before and will not be spoken; change it and try again");
        }
    }

    private static String digest(String text) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(text.strip().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
