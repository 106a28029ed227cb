package org.assistantapi.dist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where tests put the files they make: under {@code target/it-scratch}, kept after the run for a
 * look at a failed test's configuration and logs, and gone with {@code mvn clean}, never left in /tmp.
 */
public final class ScratchFiles {

    private static final Path ROOT = Path.of("target", "it-scratch").toAbsolutePath();

    private ScratchFiles() {
    }

    /** A new, empty directory whose name starts with {@code prefix}. */
    public static Path directory(String prefix) throws IOException {
        return Files.createTempDirectory(Files.createDirectories(ROOT), prefix);
    }

    /** Deletes a directory made elsewhere (in /tmp, for a process that cannot reach target/). */
    public static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
