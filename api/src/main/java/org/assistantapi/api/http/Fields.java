package org.assistantapi.api.http;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Typed access to a JSON request's fields; a wrong type is a 400 naming the field. */
final class Fields {

    private final ObjectNode body;

    Fields(ObjectNode body) {
        this.body = body;
    }

    Optional<String> string(String name) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw OpenAiError.invalid(name, "invalid_type", "'" + name + "' must be a string");
        }
        return Optional.of(node.textValue());
    }

    String requiredString(String name) {
        return string(name).orElseThrow(() ->
                OpenAiError.invalid(name, "missing_required_parameter", "'" + name + "' is required"));
    }

    Optional<Double> number(String name) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isNumber()) {
            throw OpenAiError.invalid(name, "invalid_type", "'" + name + "' must be a number");
        }
        return Optional.of(node.doubleValue());
    }

    Optional<Integer> integer(String name) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw OpenAiError.invalid(name, "invalid_type", "'" + name + "' must be an integer");
        }
        return Optional.of(node.intValue());
    }

    Optional<Boolean> bool(String name) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            throw OpenAiError.invalid(name, "invalid_type", "'" + name + "' must be true or false");
        }
        return Optional.of(node.booleanValue());
    }
}
