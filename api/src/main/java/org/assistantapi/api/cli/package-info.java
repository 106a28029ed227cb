/**
 * The command-line tools besides {@code serve}: downloading voices from a catalog (verified,
 * all-or-nothing), listing voices and prewarming a running server over its HTTP API, and
 * {@code say}, which speaks one text to a file through core with a worker of its own.
 *
 * <p>May not do: load engines or encoders in this JVM; speech always happens in a worker, reached
 * through core.
 */
package org.assistantapi.api.cli;
