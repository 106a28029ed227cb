package org.assistantapi.api.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One file of a catalog voice.
 *
 * @param path      where it lies below the catalog's base URL, e.g. {@code en/en_US/lessac/medium/en_US-lessac-medium.onnx}
 * @param name      the name it is installed under in a voice directory, e.g. {@code en_US-lessac-medium.onnx}
 * @param sizeBytes its size as the catalog states it
 * @param md5       its MD5 digest as the catalog states it, lower-case hex
 */
record CatalogFile(String path, String name, long sizeBytes, String md5) {

    /** Whether {@code file} is this file: same size and MD5; an unreadable file is not. */
    boolean matches(Path file) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) != sizeBytes) {
                return false;
            }
            MessageDigest digest = newMd5();
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            return md5.equals(hex(digest));
        } catch (IOException e) {
            return false;
        }
    }

    static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }

    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }
}
