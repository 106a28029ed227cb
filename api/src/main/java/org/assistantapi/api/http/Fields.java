package org.assistantapi.api.http;

import java.util.Optional;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Typed access to a JSON request's fields; a wrong type is a 400 naming the field. */
final class Fields {

    private final ObjectNode body;

    Fields(ObjectNode body) {
        this.body = body;
    }

    Optional<String> string(String name) {
        return field(name, JsonNode::isTextual, "a string").map(JsonNode::textValue);
    }

    String requiredString(String name) {
        return string(name).orElseThrow(() ->
                OpenAiError.invalid(name, "missing_required_parameter", "'" + name + "' is required"));
    }

    Optional<Double> number(String name) {
        return field(name, JsonNode::isNumber, "a number").map(JsonNode::doubleValue);
    }

    Optional<Integer> integer(String name) {
        return field(name, node -> node.isIntegralNumber() && node.canConvertToInt(), "an integer").map(JsonNode::intValue);
    }

    Optional<Boolean> bool(String name) {
        return field(name, JsonNode::isBoolean, "true or false").map(JsonNode::booleanValue);
    }

    /** The field when present and not null; when it is not {@code what}, a 400. */
    private Optional<JsonNode> field(String name, Predicate<JsonNode> isRightType, String what) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!isRightType.test(node)) {
            throw OpenAiError.invalid(name, "invalid_type", "'" + name + "' must be " + what);
        }
        return Optional.of(node);
    }
}
