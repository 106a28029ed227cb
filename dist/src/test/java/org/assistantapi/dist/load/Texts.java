package org.assistantapi.dist.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The repository's test texts ({@code testdata/texts}): {@code short.txt} (one command confirmation),
 * {@code reply.txt} (an assistant's reply, six sentences) and {@code long.txt} (minutes of speech),
 * each with its reference length measured on the server under test.
 */
record Texts(Text shortText, Text reply, Text longText) {

    static Texts read(Path dir) throws IOException {
        return new Texts(read(dir, "short.txt"), read(dir, "reply.txt"), read(dir, "long.txt"));
    }

    /** What one-shot clients ask for, in turn. */
    List<Text> oneShot() {
        return List.of(shortText, reply);
    }

    /** Each text spoken once, alone, to learn its length (and to warm the server up). */
    Texts calibrate(ApiClient api) {
        return new Texts(calibrate(api, shortText), calibrate(api, reply), calibrate(api, longText));
    }

    private static Text calibrate(ApiClient api, Text text) {
        CallResult result = api.speak(text, ReadPolicy.WHOLE);
        if (!result.complete()) {
            throw new IllegalStateException("cannot speak " + text.name() + ": " + result.error());
        }
        return text.withReference(result.bytes());
    }

    private static Text read(Path dir, String name) throws IOException {
        return new Text(name, Files.readString(dir.resolve(name)).strip(), 0);
    }
}
