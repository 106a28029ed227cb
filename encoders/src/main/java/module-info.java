/**
 * Streaming audio encoders. Each keeps one continuous stream state for a whole response, takes
 * 16-bit mono PCM as it arrives and writes its container's bytes as soon as they exist.
 */
module org.assistantapi.encoders {
    requires jump3r;
    requires concentus;

    exports org.assistantapi.encoders;
}
