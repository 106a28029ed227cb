package org.assistantapi.dist;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Generates hostile requests from a seeded random source: bodies that are almost right (one field
 * of the wrong type or out of range, hard text) and bodies that are broken as bytes (truncated,
 * invalid UTF-8, deep nesting). The same seed gives the same requests.
 */
final class FuzzRequests {

    /** One request: method, path, Content-Type (null: none) and body (null: none). */
    record Request(String method, String path, String contentType, byte[] body) {
        @Override
        public String toString() {
            String text = body == null ? "" : new String(body, 0, Math.min(body.length, 160), StandardCharsets.UTF_8);
            return method + " " + path + " [" + contentType + "] " + text.replaceAll("\\p{Cntrl}", "?")
                    + (body != null && body.length > 160 ? "... (" + body.length + " bytes)" : "");
        }
    }

    static final String SESSIONS = "/v1/audio/speech/sessions";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] VOICES = {"espeak:en-us", "en_US-tones-medium", "en_US-tonesmulti-low:alice",
            "en_US-tonesmulti-low:2", "en_US-tonesmulti-low:3", "en_US-tonesmulti-low:-1", "en_US-tones-medium:0",
            "en_US-tones-medium:1", ":", "espeak:", "espeak:../../../etc/passwd", "alloy", "nova", "no-such-voice",
            "x".repeat(1000), "espeak:en-us:extra", "EN_US-TONES-MEDIUM", "en_US-tonesmulti-low:", "\u0000",
            "en_US-tonesmulti-low:carol\u202e"};
    private static final String[] FORMATS = {"mp3", "opus", "aac", "flac", "wav", "pcm", "wav", "pcm", "PCM", "", "wav2", "ogg"};
    private static final Object[] SPEEDS = {1.0, 0.25, 4.0, 0, -1, 4.0001, 1e308, 0.2499, 2, "fast", true};
    private static final Object[] RATES = {0, 8000, 16000, 22050, 48000, 7999, 96000, -1, 2147483647, 1e20, 22050.5, "22050"};
    private static final Object[] WRONG_TYPES = {null, 7, -3.5, true, "[]", List.of("a"), JSON.createObjectNode().put("a", 1),
            new java.math.BigInteger("9".repeat(400)), new java.math.BigDecimal("1e400"), ""};
    private static final String[] PATHS = {"/v1/audio/speech", "/v1/audio/speech", "/v1/audio/speech", "/v1/audio/prewarm",
            SESSIONS};

    private final Random random;
    private final List<String> texts;

    FuzzRequests(long seed, String tricky) {
        this.random = new Random(seed);
        List<String> pool = new ArrayList<>(List.of(
                "Hello.", "مرحبا بالعالم، كيف حالك؟", "שלום עולם", "\u202eReversed text\u202c here.", "🎉👍🏽🇩🇪 emoji only 👩‍👩‍👧",
                "你好，世界。今日は良い天気ですね。안녕하세요.", "<speak><break time=\"3s\"/>Hi <prosody rate=\"x-fast\">there</prosody></speak>",
                "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>",
                "?!...;:,—…", "...", "!", "-", "a".repeat(4096), "supercalifragilistic".repeat(200), "[[", "[[h@'loU",
                "Say [[ and never close it", "]] [[ ]]", "\u0000\u0007\u001b[31mred\u001b[0m\b\f", "tab\there\r\nnew\nline",
                "Z̷̢͉a̶l̸g̷o̸ ̵t̶e̷x̸t̵", "\u200b\u200d\u2060\ufeff", "1e308 NaN Infinity -0",
                "Dr. e.g. i.e. No. 42 St. Mr.", "   ", "", "%s%n%x{}${jndi:ldap://x/a}", "\\u0000 \\\" '", "A\u0301\u0302\u0303",
                "word ".repeat(800), "Ünïcödé ©®™ ½ ∞ ≠ √", "\uFFFF\uFFFE", "🙂".repeat(1000)));
        pool.add(tricky);
        pool.addAll(tricky.lines().toList());
        this.texts = List.copyOf(pool);
    }

    /** A hostile request to one of the POST endpoints that take JSON, or a GET. */
    Request next() {
        int kind = random.nextInt(100);
        if (kind < 10) {
            return get();
        }
        String path = pick(PATHS);
        byte[] body = path.equals("/v1/audio/prewarm") ? prewarmBody() : speechBody(path.equals(SESSIONS));
        if (kind < 45) {
            body = breakBytes(body);
        }
        return new Request("POST", path, contentType(), body);
    }

    /** A speech request whose audio is expected (a valid body with a hard text), in this format. */
    Request speech(String format) {
        ObjectNode body = JSON.createObjectNode().put("input", pick(texts)).put("voice", pick(VOICES)).put("response_format", format);
        return new Request("POST", "/v1/audio/speech", "application/json", bytes(body));
    }

    /** An append body for a session: hard text, or a broken body. */
    byte[] appendBody() {
        ObjectNode body = JSON.createObjectNode();
        if (random.nextInt(4) == 0) {
            body.set("text", JSON.valueToTree(pick(WRONG_TYPES)));
        } else {
            body.put("text", pick(texts));
        }
        if (random.nextBoolean()) {
            body.set("flush", JSON.valueToTree(random.nextInt(3) == 0 ? pick(WRONG_TYPES) : random.nextBoolean()));
        }
        byte[] bytes = bytes(body);
        return random.nextInt(4) == 0 ? breakBytes(bytes) : bytes;
    }

    /** A session id that is not one: random, traversal, too long, encoded. */
    String bogusSessionId() {
        return pick(new String[] {"x", "..", "%2e%2e%2f%2e%2e", "a".repeat(5000), "instance.AAAAAAAAAAAAAAAAAAAAAA",
                "%00", "%F0%9F%99%82", "%E2%80%AE", "id%20with%20space", Long.toString(random.nextLong(), 36)});
    }

    private Request get() {
        String path = pick(new String[] {"/v1/audio/voices", "/v1/models", "/health", "/health/ready", "/v1/models/tts-1",
                "/v1/audio/speech", "/v1/audio/speech?input=hi", "/%2e%2e/%2e%2e/etc/passwd", "/v1/audio/voices?" + "a=b&".repeat(200),
                "/v1//audio///voices", "/V1/MODELS", "/%F0%9F%99%82", "/v1/audio/speech/sessions", "/" + "x/".repeat(500)});
        return new Request("GET", path, null, null);
    }

    private byte[] speechBody(boolean session) {
        ObjectNode body = JSON.createObjectNode();
        if (!session || random.nextInt(3) == 0) {
            body.put("input", pick(texts));
        }
        maybe(body, "voice", pick(VOICES));
        maybe(body, "model", pick(new Object[] {"tts-1", "tts-1-hd", "gpt-4o-mini-tts", "whisper-1", ""}));
        maybe(body, "response_format", pick(FORMATS));
        maybe(body, "speed", pick(SPEEDS));
        maybe(body, "sample_rate", pick(RATES));
        maybe(body, "stream_format", pick(new Object[] {"audio", "sse", "SSE", "", 5}));
        maybe(body, "instructions", "speak like a pirate");
        if (random.nextInt(4) == 0) { // one field of the wrong type
            body.set(pick(new String[] {"input", "voice", "model", "response_format", "speed", "sample_rate", "stream_format"}),
                    JSON.valueToTree(pick(WRONG_TYPES)));
        }
        return bytes(body);
    }

    private byte[] prewarmBody() {
        ObjectNode body = JSON.createObjectNode();
        if (random.nextInt(4) > 0) {
            var voices = body.putArray("voices");
            for (int i = random.nextInt(4); i > 0; i--) {
                voices.add(JSON.valueToTree(random.nextInt(5) == 0 ? pick(WRONG_TYPES) : pick(VOICES)));
            }
        } else {
            body.set("voices", JSON.valueToTree(pick(WRONG_TYPES)));
        }
        return bytes(body);
    }

    private void maybe(ObjectNode body, String field, Object value) {
        if (random.nextBoolean()) {
            body.set(field, JSON.valueToTree(value));
        }
    }

    /** Breaks a good body as bytes. */
    private byte[] breakBytes(byte[] body) {
        return switch (random.nextInt(10)) {
            case 8 -> "{\"input\":\"lone \\ud83d and \\udc00 surrogates\"}".getBytes(StandardCharsets.US_ASCII);
            case 0 -> java.util.Arrays.copyOf(body, random.nextInt(body.length + 1)); // truncated
            case 1 -> flip(body);
            case 2 -> splice(body, new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE, (byte) 0xED, (byte) 0xA0, (byte) 0x80});
            case 3 -> ("[".repeat(random.nextInt(1, 20_000)) + "]".repeat(random.nextInt(3))).getBytes(StandardCharsets.US_ASCII);
            case 4 -> ("{\"input\":" + "{\"a\":".repeat(random.nextInt(50, 3000)) + "1").getBytes(StandardCharsets.US_ASCII);
            case 5 -> ("{\"input\":\"hi\",\"speed\":" + "9".repeat(random.nextInt(20, 5000)) + "}").getBytes(StandardCharsets.US_ASCII);
            case 6 -> ("{\"input\":\"hi\",\"input\":\"twice\"}").getBytes(StandardCharsets.US_ASCII);
            case 7 -> new byte[0];
            default -> splice(body, new byte[] {0, '\n', '\r', 0x7F, '"', '\\'});
        };
    }

    private byte[] flip(byte[] body) {
        byte[] copy = body.clone();
        for (int i = random.nextInt(1, 4); i > 0 && copy.length > 0; i--) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return copy;
    }

    private byte[] splice(byte[] body, byte[] insert) {
        int at = random.nextInt(body.length + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(body, 0, at);
        out.write(insert, 0, random.nextInt(1, insert.length + 1));
        out.write(body, at, body.length - at);
        return out.toByteArray();
    }

    private String contentType() {
        int kind = random.nextInt(20);
        return switch (kind) {
            case 0 -> null;
            case 1 -> "text/plain";
            case 2 -> "application/json; charset=ISO-8859-1";
            case 3 -> "APPLICATION/JSON";
            case 4 -> "application/jsonx";
            default -> "application/json";
        };
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static byte[] bytes(ObjectNode body) {
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }
}
