/**
 * The Wyoming transport for Home Assistant: a TCP listener, the protocol's framing and events,
 * one-shot and streaming synthesis over core's speech and session API.
 *
 * <p>May not do: anything the HTTP transport does not also get from core; no speech logic of its
 * own, and no HTTP types.
 */
package org.assistantapi.api.wyoming;
