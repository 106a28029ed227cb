package org.assistantapi.api.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The configured voice directories ({@code voices.dirs}): where a voice is already, where a new one goes. */
final class VoiceDirectories {

    private final List<Path> dirs;

    VoiceDirectories(List<Path> dirs) {
        this.dirs = List.copyOf(dirs);
    }

    /** The first directory that holds every file of {@code voice}, byte for byte. */
    Optional<Path> holding(CatalogVoice voice) {
        return dirs.stream()
                .filter(dir -> voice.files().stream().allMatch(file -> file.matches(dir.resolve(file.name()))))
                .findFirst();
    }

    /** The first directory that is writable, created if missing and possible; the message lists why none is. */
    Path firstWritable() throws DownloadException {
        List<String> reasons = new ArrayList<>();
        for (Path dir : dirs) {
            if (Files.isDirectory(dir)) {
                if (Files.isWritable(dir)) {
                    return dir;
                }
                reasons.add(dir + " (not writable)");
            } else if (Files.exists(dir)) {
                reasons.add(dir + " (not a directory)");
            } else {
                try {
                    return Files.createDirectories(dir);
                } catch (IOException e) {
                    reasons.add(dir + " (cannot create: " + e.getMessage() + ")");
                }
            }
        }
        throw new DownloadException(dirs.isEmpty()
                ? "no voice directory is configured (voices.dirs)"
                : "no writable voice directory: " + String.join(", ", reasons)
                        + "; run as a user that may write one, or configure voices.dirs");
    }
}
