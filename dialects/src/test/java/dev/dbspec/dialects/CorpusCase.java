package dev.dbspec.dialects;

import com.fasterxml.jackson.databind.JsonNode;

/** One expectation of {@code superset/cases.json}. */
record CorpusCase(int index, String kind, String engine, String variant, String sql, Long limit, Boolean force,
        String method, JsonNode expected) {

    static CorpusCase of(int index, JsonNode node) {
        return new CorpusCase(index, node.path("kind").asText(), node.path("engine").asText(),
                node.path("variant").asText("").length() >= 3 ? node.path("variant").asText().substring(0, 3) : "",
                node.path("sql").isNull() ? null : node.path("sql").asText(),
                node.path("limit").isNumber() ? node.path("limit").asLong() : null,
                node.path("force").isBoolean() ? node.path("force").asBoolean() : null,
                node.path("method").asText(""), node.path("expected"));
    }

    /** Whether {@code deviation} (an entry of deviations.json) names this case. */
    boolean matches(JsonNode deviation) {
        return deviation.path("kind").asText().equals(kind)
                && deviation.path("engine").asText().equals(engine)
                && deviation.path("variant").asText().equals(variant)
                && deviation.path("sql").asText().equals(sql)
                && (!deviation.has("limit") || limit != null && deviation.path("limit").asLong() == limit)
                && (!deviation.has("force") || force != null && deviation.path("force").asBoolean() == force);
    }

    String describe() {
        return "#" + index + " " + kind + " " + engine + " " + variant + " limit=" + limit + " force=" + force
                + " sql=" + sql.replace("\n", "\\n");
    }
}
