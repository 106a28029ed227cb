/**
 * Speech engines: each turns text into 16-bit mono PCM at its voice's sample rate, sentence by
 * sentence. Engines know nothing of sessions, streams, clients, HTTP or output formats.
 */
module org.assistantapi.engines {
    requires java.logging;
    requires com.fasterxml.jackson.databind;
    requires com.microsoft.onnxruntime;
    requires com.google.protobuf;

    exports org.assistantapi.engines;
    exports org.assistantapi.engines.espeak;
    exports org.assistantapi.engines.piper;
}
