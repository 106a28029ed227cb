/**
 * Worker processes: separate JVMs that core starts and talks to over stdin/stdout. A worker runs
 * engines and encoders for the jobs core sends it, reading each text through the text front-end
 * first. Only the protocol is exported: core uses it to
 * speak to workers and never touches an engine or encoder itself.
 */
module org.assistantapi.workers {
    requires java.logging;
    requires org.assistantapi.engines;
    requires org.assistantapi.encoders;
    requires org.assistantapi.text;

    exports org.assistantapi.workers.protocol;
}
