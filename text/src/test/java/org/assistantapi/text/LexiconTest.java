package org.assistantapi.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's lexicon through the front-end: entries, languages, bad lines, reloading. */
class LexiconTest {

    @TempDir
    Path dir;

    private TextFrontEnd frontEnd() {
        return new TextFrontEnd(new TextSettings(CodeReading.SKIP, EmojiReading.DROP, dir));
    }

    @Test
    void entriesReplaceWholeWordsWithRespellingsOrPhonemes() throws Exception {
        Files.writeString(dir.resolve("en.txt"), """
                # product names
                nginx = engine x
                Kubernetes = [[kˌuːbɚnˈɛtiːz]]
                Home Assistant = home assistant
                3D = three D
                """);
        TextFrontEnd frontEnd = frontEnd();
        assertEquals("engine x and engine x, not nginxes", frontEnd.normalize("nginx and NGINX, not nginxes", "en-us"));
        assertEquals("Run [[kˌuːbɚnˈɛtiːz]] on two nodes", frontEnd.normalize("Run Kubernetes on 2 nodes", "en-us"));
        assertEquals("kubernetes", frontEnd.normalize("kubernetes", "en-us"), "an entry with capitals matches exactly");
        assertEquals("home assistant is up", frontEnd.normalize("**Home  Assistant** is up", "en-gb"));
        assertEquals("a three D print", frontEnd.normalize("a 3D print", "en-us"));
        assertEquals("nginx", frontEnd.normalize("nginx", "de"), "en.txt is for English voices only");
    }

    @Test
    void theMoreSpecificFileWins() throws Exception {
        Files.writeString(dir.resolve("en.txt"), "tomato = tomahto\n");
        Files.writeString(dir.resolve("en-us.txt"), "tomato = tomayto\n");
        TextFrontEnd frontEnd = frontEnd();
        assertEquals("tomayto", frontEnd.normalize("tomato", "en-us"));
        assertEquals("tomahto", frontEnd.normalize("tomato", "en-gb"));
    }

    @Test
    void aBadLineIsReportedWithFileAndLineAndTheOthersApply() throws Exception {
        Files.writeString(dir.resolve("de.txt"), "GmbH = Ge Em Be Ha\nkaputt ohne Gleichheitszeichen\n = leer\nUSB = [[uː ɛs beː\nWLAN = weh lahn\n");
        List<String> warnings = new ArrayList<>();
        Logger logger = Logger.getLogger(Lexicon.class.getName());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                warnings.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            assertEquals("Die Ge Em Be Ha hat weh lahn", frontEnd().normalize("Die GmbH hat WLAN", "de"));
        } finally {
            logger.removeHandler(handler);
        }
        String path = dir.resolve("de.txt").toString();
        assertTrue(warnings.stream().anyMatch(w -> w.contains(path + ":2:")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.contains(path + ":3:")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.contains(path + ":4:") && w.contains("unbalanced")), warnings.toString());
    }

    @Test
    void anEditedFileIsReadAgainWithoutARestart() throws Exception {
        Path file = dir.resolve("en.txt");
        Files.writeString(file, "gif = jif\n");
        TextFrontEnd frontEnd = frontEnd();
        assertEquals("a jif", frontEnd.normalize("a gif", "en-us"));
        Files.writeString(file, "gif = ghif\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        Thread.sleep(1_100); // files are looked at once a second
        assertEquals("a ghif", frontEnd.normalize("a gif", "en-us"));
        Files.delete(file);
        Thread.sleep(1_100);
        assertEquals("a gif", frontEnd.normalize("a gif", "en-us"));
    }
}
