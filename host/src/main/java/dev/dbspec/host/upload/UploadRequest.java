package dev.dbspec.host.upload;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbspec.api.CsvFormat;
import dev.dbspec.api.GenericType;
import dev.dbspec.api.TableUpload;
import dev.dbspec.api.UploadMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One CSV upload as it travels in its task's payload: where to ({@code database}, the registration id it was
 * accepted for, {@code schema}, {@code table}, {@code mode}), how the file is written ({@link CsvFormat}), column types
 * given by the user (the rest are inferred), which file in the uploads directory holds it, and who asked.
 *
 * @param uploadId a UUID naming the file ({@code <uploadId>.csv}) and keying the upload's marker row, so a
 *                 redelivered task finds its own work
 */
public record UploadRequest(String database, Optional<String> databaseId, Optional<String> schema, String table, UploadMode mode,
                            CsvFormat format, Map<String, GenericType> types, String uploadId, Optional<String> owner) {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public UploadRequest {
        requireNonNull(database, "database is null");
        requireNonNull(databaseId, "databaseId is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(mode, "mode is null");
        requireNonNull(format, "format is null");
        types = Map.copyOf(types);
        requireNonNull(owner, "owner is null");
        TableUpload.checkName(table, "the table name");
        schema.ifPresent(name -> TableUpload.checkName(name, "the schema name"));
        types.keySet().forEach(name -> TableUpload.checkName(name, "a column name in 'types'"));
        if (!UUID.matcher(requireNonNull(uploadId, "uploadId is null")).matches()) {
            throw new IllegalArgumentException("the upload id must be a lower-case UUID"); // it names a file
        }
    }

    /** The file name in the uploads directory: {@code <uploadId>.csv}, never a path. */
    public String fileName() {
        return uploadId + ".csv";
    }

    public String toJson() {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("database", database);
        databaseId.ifPresent(id -> json.put("databaseId", id));
        schema.ifPresent(name -> json.put("schema", name));
        json.put("table", table);
        json.put("mode", mode.name().toLowerCase(Locale.ROOT));
        json.put("delimiter", String.valueOf(format.delimiter()));
        json.put("header", format.header());
        json.put("nullMarker", format.nullMarker());
        json.put("encoding", format.charset().name());
        ObjectNode typesNode = json.putObject("types");
        types.forEach((name, type) -> typesNode.put(name, type.name()));
        json.put("uploadId", uploadId);
        owner.ifPresent(name -> json.put("owner", name));
        return json.toString();
    }

    public static UploadRequest fromJson(String payload) {
        try {
            JsonNode json = MAPPER.readTree(payload);
            Map<String, GenericType> types = new LinkedHashMap<>();
            json.path("types").fields().forEachRemaining(field -> types.put(field.getKey(), GenericType.valueOf(field.getValue().asText())));
            CsvFormat format = new CsvFormat(json.path("delimiter").asText(",").charAt(0), json.path("header").asBoolean(true),
                    json.path("nullMarker").asText(""), Charset.forName(json.path("encoding").asText("UTF-8")));
            return new UploadRequest(json.path("database").asText(), text(json, "databaseId"), text(json, "schema"),
                    json.path("table").asText(), UploadMode.valueOf(json.path("mode").asText("create").toUpperCase(Locale.ROOT)), format,
                    types, json.path("uploadId").asText(), text(json, "owner"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<String> text(JsonNode json, String field) {
        return Optional.ofNullable(json.get(field)).filter(node -> !node.isNull()).map(JsonNode::asText);
    }
}
