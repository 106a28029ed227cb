/**
 * The core: voices and formats as workers report them, audio streams backed by bounded queues,
 * routing of jobs to worker processes, limits. No transport type appears here, so HTTP, WebSocket
 * or Wyoming adapters all reuse it unchanged.
 */
module org.assistantapi.core {
    requires java.logging;
    requires org.assistantapi.workers;

    exports org.assistantapi.core;
}
