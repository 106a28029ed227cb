package org.assistantapi.dist.load;

import com.fasterxml.jackson.databind.JsonNode;

/** The fields of {@code GET /health} the load scenarios look at. */
record Health(int httpStatus, String status, int workersUp, int workersExpected, int restarts, int streams) {

    static Health parse(int httpStatus, JsonNode body) {
        return new Health(httpStatus, body.path("status").asText(), body.path("workers_up").asInt(),
                body.path("workers_expected").asInt(), body.path("worker_restarts").asInt(), body.path("streams").asInt());
    }

    /** 200, every worker up, none crash-looping. */
    boolean fullStrength() {
        return httpStatus == 200 && status.equals("ok") && workersUp == workersExpected;
    }

    @Override
    public String toString() {
        return status + ", workers " + workersUp + "/" + workersExpected + ", restarts " + restarts + ", streams " + streams;
    }
}
