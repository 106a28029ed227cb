/**
 * The core every transport uses: requests checked against what the workers offer, jobs routed to
 * worker processes, audio streams with bounded buffers, incremental sessions, limits, and the
 * supervision of the worker pool (start, heartbeats, restart).
 *
 * <p>May not touch: HTTP or any other transport's types and vocabulary, engines, encoders or voice
 * files. Workers are reached only through {@code org.assistantapi.workers.protocol}.
 */
package org.assistantapi.core;
