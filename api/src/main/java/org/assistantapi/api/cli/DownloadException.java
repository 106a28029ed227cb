package org.assistantapi.api.cli;

/** An expected failure of a voice download (network, HTTP, checksum, disk); the message is for the operator. */
final class DownloadException extends Exception {

    private static final long serialVersionUID = 1L;

    DownloadException(String message) {
        super(message);
    }

    DownloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
