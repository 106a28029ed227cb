/**
 * The HTTP transport (Helidon SE): routing, API keys, request parsing and validation, streaming
 * core's audio to the client, the access log, metrics and the mapping of core's failures to
 * OpenAI's error shape. Other transports log and count their syntheses through
 * {@code SynthesisLog}, which shows no HTTP type.
 *
 * <p>May not do: CPU-heavy work or speech logic. A handler parses, calls core, and writes what
 * core hands back; HTTP types never leave this package.
 */
package org.assistantapi.api.http;
