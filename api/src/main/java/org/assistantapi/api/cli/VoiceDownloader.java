package org.assistantapi.api.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Installs a catalog voice into a voice directory, all of its files or none: each file is
 * downloaded to a hidden temporary file in that directory, checked against the catalog's size
 * and MD5, and only when all are good renamed into place.
 */
final class VoiceDownloader {

    private static final String TEMP_SUFFIX = ".part"; // neither .onnx nor .onnx.json: the server ignores it

    private final HttpFetcher http;
    private final URI catalogBase;
    private final Progress progress;

    VoiceDownloader(HttpFetcher http, URI catalogBase, Progress progress) {
        this.http = http;
        this.catalogBase = catalogBase;
        this.progress = progress;
    }

    void install(CatalogVoice voice, Path dir) throws DownloadException {
        List<CatalogFile> files = voice.files();
        List<Path> temps = new ArrayList<>();
        try {
            for (CatalogFile file : files) {
                Path temp = createTemp(dir, file);
                temps.add(temp);
                download(file, temp);
            }
            // Config last: the model is in place before anything looks like a voice.
            for (int i = files.size() - 1; i >= 0; i--) {
                moveIntoPlace(temps.get(i), dir.resolve(files.get(i).name()));
            }
        } finally {
            temps.forEach(VoiceDownloader::deleteIfExists);
        }
    }

    private void download(CatalogFile file, Path temp) throws DownloadException {
        MessageDigest md5 = CatalogFile.newMd5();
        long size;
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
             OutputStream out = new DigestOutputStream(Channels.newOutputStream(channel), md5);
             Progress.Meter meter = progress.start(file.name(), file.sizeBytes())) {
            size = http.fetch(VoiceCatalog.url(catalogBase, file.path()), out, file.sizeBytes(), meter);
            channel.force(true); // on disk before the rename makes it the voice
        } catch (IOException e) {
            throw new DownloadException("cannot write " + temp + ": " + e.getMessage(), e);
        }
        if (size != file.sizeBytes()) {
            throw new DownloadException(file.name() + ": received " + size + " bytes, the catalog says " + file.sizeBytes());
        }
        String actual = CatalogFile.hex(md5);
        if (!actual.equals(file.md5())) {
            throw new DownloadException(file.name() + ": MD5 " + actual + " does not match the catalog's " + file.md5());
        }
    }

    private static Path createTemp(Path dir, CatalogFile file) throws DownloadException {
        try {
            Path temp = dir.getFileSystem().supportedFileAttributeViews().contains("posix")
                    ? Files.createTempFile(dir, "." + file.name() + ".", TEMP_SUFFIX, readableByAll())
                    : Files.createTempFile(dir, "." + file.name() + ".", TEMP_SUFFIX);
            temp.toFile().deleteOnExit(); // Ctrl-C: the shutdown removes what is half downloaded
            return temp;
        } catch (IOException e) {
            throw new DownloadException("cannot create a file in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Voices are read by the server, which often runs as another user; temp files are owner-only by default. */
    private static FileAttribute<?> readableByAll() {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--"));
    }

    private static void moveIntoPlace(Path temp, Path target) throws DownloadException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new DownloadException("cannot install " + target + ": " + e.getMessage(), e);
        }
    }

    private static void deleteIfExists(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // a hidden .part file the server ignores; nothing better to do
        }
    }
}
