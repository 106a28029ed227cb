package org.assistantapi.dist.load;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The hostile requests of issue 13, each as one repeatable hit against a server on loopback. A hit
 * returns the HTTP statuses it saw (-1: the server closed the connection without one); any 5xx is
 * a failure of the server. Every hit is bounded: sockets close themselves after {@link #LIFETIME},
 * bodies are capped.
 */
enum Attack {

    /** A letter, a period and 200 digits: the text that overflowed libespeak-ng 1.51's stack. */
    CRASH_TEXT_ONE_SHOT {
        @Override
        List<Integer> hit(URI base, Texts texts) throws IOException {
            return List.of(speak(base, speech(CRASH_TEXT, "pcm"), Long.MAX_VALUE, Duration.ofSeconds(20)));
        }
    },
    /** The same text as one flushed segment among good ones in a session with a reader. */
    CRASH_TEXT_IN_SESSION {
        @Override
        List<Integer> hit(URI base, Texts texts) throws Exception {
            return inSession(base, List.of("Before the bad part. ", "E." + "9".repeat(200) + " ", "After it."));
        }
    },
    /** A chunk extension that never ends, on a route that needs no body: 32 MiB of it. */
    CHUNK_EXTENSION_FLOOD {
        @Override
        List<Integer> hit(URI base, Texts texts) throws IOException {
            return flood(base, "1;e=");
        }
    },
    /** A trailer line that never ends after the last chunk: 32 MiB of it. */
    TRAILER_FLOOD {
        @Override
        List<Integer> hit(URI base, Texts texts) throws IOException {
            return flood(base, "0\r\nX-Trailer: ");
        }
    },
    /** An aac response abandoned after its first bytes (the encoder's pump once deadlocked here). */
    ABANDONED_AAC {
        @Override
        List<Integer> hit(URI base, Texts texts) throws IOException {
            return List.of(speak(base, speech(texts.reply().input(), "aac"), 2048, Duration.ofSeconds(10)));
        }
    },
    /** 4,000 characters with no sentence end: one enormous sentence. */
    ENDLESS_SENTENCE {
        @Override
        List<Integer> hit(URI base, Texts texts) throws IOException {
            return List.of(speak(base, speech("word ".repeat(800).strip(), "pcm"), Long.MAX_VALUE, Duration.ofSeconds(30)));
        }
    },
    /** 4,000 CJK characters: minutes of audio from a 12 KB request. */
    CJK_FLOOD {
        @Override
        List<Integer> hit(URI base, Texts texts) throws IOException {
            return List.of(speak(base, speech("東京は晴れです".repeat(572).substring(0, 4000), "pcm"), 1 << 20, Duration.ofSeconds(10)));
        }
    },
    /** A one-shot request whose client reads nothing and keeps the socket open past the stall timeout. */
    STALLED_READER {
        @Override
        List<Integer> hit(URI base, Texts texts) throws Exception {
            try (RawConnection connection = RawConnection.open(base, LIFETIME)) {
                connection.send(RawConnection.jsonRequest("POST", "/v1/audio/speech", speech(texts.longText().input(), "pcm")));
                int status = connection.readStatus();
                Thread.sleep(STALL);
                return List.of(status);
            }
        }
    },
    /** Many sessions created at once, each cancelled right after. */
    SESSION_CREATE_BURST {
        @Override
        List<Integer> hit(URI base, Texts texts) throws Exception {
            List<Future<List<Integer>>> creates = new ArrayList<>();
            try (ExecutorService burst = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < BURST; i++) {
                    creates.add(burst.submit(() -> createAndCancel(base)));
                }
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<List<Integer>> create : creates) {
                statuses.addAll(create.get());
            }
            return statuses;
        }
    },
    /** A session whose audio reader connects and never reads, fed a long text. */
    SILENT_SESSION_READER {
        @Override
        List<Integer> hit(URI base, Texts texts) throws Exception {
            Reply created = Reply.post(base, "/v1/audio/speech/sessions", SESSION);
            if (created.status() != 201) {
                return List.of(created.status());
            }
            String path = "/v1/audio/speech/sessions/" + created.body().path("id").asText();
            try (RawConnection reader = RawConnection.open(base, LIFETIME)) {
                reader.send("GET " + path + "/audio HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
                int append = Reply.post(base, path + "/append", appendJson(texts.longText().input(), true)).status();
                Thread.sleep(STALL);
                return List.of(created.status(), append, Reply.post(base, path + "/cancel", "{}").status());
            }
        }
    },
    /** Paths that would forge access-log lines if written raw: LF, CR, NUL, U+2028. */
    LOG_INJECTION {
        @Override
        List<Integer> hit(URI base, Texts texts) throws IOException {
            List<Integer> statuses = new ArrayList<>();
            for (String path : List.of("/x%0A2099-01-01T00:00:00Z%20GET%20/FORGED%20status=200", "/x%0D%0Aforged",
                    "/x%00nul", "/x%E2%80%A8sep")) {
                try (RawConnection connection = RawConnection.open(base, LIFETIME)) {
                    connection.send("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
                    statuses.add(connection.readStatus());
                }
            }
            return statuses;
        }
    },
    /** Framing that RFC 9112 says to reject: conflicting lengths, length with chunked, bad chunk sizes. */
    LENIENT_FRAMING {
        @Override
        List<Integer> hit(URI base, Texts texts) throws IOException {
            String head = "POST /v1/audio/speech HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
            String body = "{\"input\":\"hi\"}";
            List<Integer> statuses = new ArrayList<>();
            for (String request : List.of(
                    head + "Content-Length: 14\r\nContent-Length: 15\r\n\r\n" + body,
                    head + "Content-Length: 14\r\nTransfer-Encoding: chunked\r\n\r\ne\r\n" + body + "\r\n0\r\n\r\n",
                    head + "Content-Length: +14\r\n\r\n" + body,
                    head + "Transfer-Encoding: chunked\r\n\r\nzz\r\n" + body + "\r\n0\r\n\r\n",
                    head + "Transfer-Encoding: chunked\r\n\r\ne\r\n" + body + "XX0\r\n\r\n")) {
                try (RawConnection connection = RawConnection.open(base, LIFETIME)) {
                    connection.send(request);
                    statuses.add(connection.readStatus());
                }
            }
            return statuses;
        }
    };

    /** The longest any one connection of an attack stays open. */
    static final Duration LIFETIME = Duration.ofSeconds(60);
    /** Longer than the default {@code streams.client_stall_timeout_seconds} (30). */
    static final Duration STALL = Duration.ofSeconds(40);
    static final String CRASH_TEXT = "x." + "9".repeat(200);
    private static final long FLOOD_BYTES = 32L << 20;
    private static final int BURST = 24;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SESSION = "{\"voice\":\"" + ApiClient.VOICE + "\",\"response_format\":\"pcm\"}";

    /** Sends the attack once and returns the statuses the server answered. */
    abstract List<Integer> hit(URI base, Texts texts) throws Exception;

    private static String speech(String input, String format) {
        ObjectNode request = JSON.createObjectNode().put("model", "tts-1").put("input", input)
                .put("voice", ApiClient.VOICE).put("response_format", format);
        return request.toString();
    }

    private static String appendJson(String text, boolean flush) {
        return JSON.createObjectNode().put("text", text).put("flush", flush).toString();
    }

    /** Posts a speech request and reads up to {@code limit} bytes of the answer within {@code time}. */
    private static int speak(URI base, String json, long limit, Duration time) throws IOException {
        try (RawConnection connection = RawConnection.open(base, LIFETIME)) {
            connection.send(RawConnection.jsonRequest("POST", "/v1/audio/speech", json));
            int status = connection.readStatus();
            connection.drain(limit, time);
            return status;
        }
    }

    private static List<Integer> flood(URI base, String start) throws IOException {
        try (RawConnection connection = RawConnection.open(base, LIFETIME)) {
            connection.send("POST /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n" + start);
            connection.sendFill((byte) 'a', FLOOD_BYTES);
            return List.of(connection.readStatus());
        }
    }

    private static List<Integer> inSession(URI base, List<String> segments) throws Exception {
        Reply created = Reply.post(base, "/v1/audio/speech/sessions", SESSION);
        if (created.status() != 201) {
            return List.of(created.status());
        }
        String path = "/v1/audio/speech/sessions/" + created.body().path("id").asText();
        List<Integer> statuses = new ArrayList<>(List.of(created.status()));
        try (RawConnection reader = RawConnection.open(base, LIFETIME)) {
            reader.send("GET " + path + "/audio HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            for (String segment : segments) {
                statuses.add(Reply.post(base, path + "/append", appendJson(segment, true)).status());
            }
            statuses.add(Reply.post(base, path + "/close", "{}").status());
            statuses.add(reader.readStatus());
            reader.drain(Long.MAX_VALUE, Duration.ofSeconds(20));
        }
        // The reader may have left with audio still to come (200 digits are minutes of speech): a
        // session whose reader leaves waits sessions.idle_timeout_seconds for another, so end it.
        statuses.add(Reply.post(base, path + "/cancel", "{}").status());
        return statuses;
    }

    private static List<Integer> createAndCancel(URI base) throws IOException {
        Reply created = Reply.post(base, "/v1/audio/speech/sessions", SESSION);
        if (created.status() != 201) {
            return List.of(created.status());
        }
        String path = "/v1/audio/speech/sessions/" + created.body().path("id").asText();
        return List.of(created.status(), Reply.post(base, path + "/cancel", "{}").status());
    }
}
