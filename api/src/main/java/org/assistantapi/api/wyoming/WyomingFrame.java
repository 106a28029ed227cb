package org.assistantapi.api.wyoming;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One event on the wire: its type, its data (the header's {@code data} merged with the
 * {@code data_length} bytes that follow it) and its binary payload (empty if none).
 */
record WyomingFrame(String type, ObjectNode data, byte[] payload) {
}
