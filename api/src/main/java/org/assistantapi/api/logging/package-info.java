/**
 * What the server's logs may contain: {@link org.assistantapi.api.logging.LogText} makes text that
 * came from a client safe to write into a log line. It knows nothing of HTTP or Wyoming and writes
 * no log itself.
 */
package org.assistantapi.api.logging;
