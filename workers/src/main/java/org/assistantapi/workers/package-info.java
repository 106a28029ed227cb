/**
 * A worker process: reads frames from core on stdin, runs each job's synthesis and encoding on
 * one synthesis thread, and writes audio and status frames to stdout; a watcher thread follows
 * the voice directories and reports changed voices.
 *
 * <p>May not do: talk to anything but core over stdin/stdout, or log to stdout (that is the
 * protocol's channel).
 */
package org.assistantapi.workers;
