package dev.dbspec.host.rest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MapSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3 description served at {@code GET /api/openapi.json}, built from the route table ({@link RestServer#routes()}):
 * one operation per route, so a route cannot be served without being described. Each operation carries its path
 * parameters, the query parameters and JSON request body known for it ({@link #QUERY_PARAMETERS}, {@link #bodies()}),
 * the status codes it may answer, the {@code bearer} security scheme (none for public routes) and the least role in
 * {@code x-dbspec-role} ({@code public}, {@code viewer}, {@code analyst}, {@code admin}). Built with swagger-core's model
 * and serialized with its mapper.
 */
public final class OpenApiDocument {
    /** The extension naming the least role a route needs. */
    public static final String ROLE_EXTENSION = "x-dbspec-role";
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}/]+)}");

    /** Query parameters per {@code "METHOD path"}: name to description. */
    static final Map<String, Map<String, String>> QUERY_PARAMETERS = Map.of(
            "GET /api/databases/{name}/functions", Map.of("refresh", "true to reload the list from the database"),
            "GET /api/audit", ordered("limit", "the most entries answered", "user", "only this user's entries",
                    "database", "only this database's entries", "action", "only this action"),
            "GET /api/databases/{name}/catalogs", Map.of("refresh", "true to read again instead of the metadata cache"),
            "GET /api/tasks/{id}", Map.of("wait", "a long poll: answer when the task ends, or after this many seconds (0 to 30) with its status then"),
            "GET /api/databases/{name}/schemas", ordered("catalog", "the catalog (default: the database's own)",
                    "refresh", "true to read again instead of the metadata cache"),
            "GET /api/databases/{name}/tables", ordered("schema", "the schema", "catalog", "the catalog",
                    "refresh", "true to read again instead of the metadata cache"),
            "GET /api/databases/{name}/tables/{schema}/{table}", ordered("catalog", "the catalog",
                    "refresh", "true to read again instead of the metadata cache"),
            "POST /api/databases/{name}/upload", ordered("table", "the target table (required)", "schema", "the target schema",
                    "mode", "create, append or replace", "delimiter", "one character, ',' by default", "header", "true when the first row names the columns",
                    "null", "the text read as NULL", "encoding", "the body's charset, UTF-8 by default", "types", "col:TYPE,... column types"));

    private OpenApiDocument() {
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** The document for {@code routes}, as JSON. */
    public static String json(List<Route> routes) {
        try {
            return Json.mapper().writeValueAsString(build(routes));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the OpenAPI document cannot be written", e);
        }
    }

    /** The document for {@code routes}: one operation per route, in table order. */
    public static OpenAPI build(List<Route> routes) {
        requireNonNull(routes, "routes is null");
        OpenAPI api = new OpenAPI()
                .info(new Info().title("dbspec REST API").version("1")
                        .description("dbspec serve: databases, queries, tasks, metadata, uploads. Errors are {\"error\": code, \"message\": text}."))
                .components(new Components()
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("a dbspec token, or an OIDC JWT when configured"))
                        .addSchemas("Error", errorSchema()));
        Paths paths = new Paths();
        Map<String, Schema<?>> bodies = bodies();
        for (Route route : routes) {
            PathItem item = paths.computeIfAbsent(route.path(), path -> new PathItem());
            String key = route.method() + " " + route.path();
            Operation operation = new Operation()
                    .operationId(operationId(route))
                    .summary(key)
                    .responses(responses(route));
            operation.addExtension(ROLE_EXTENSION, route.access().name().toLowerCase(Locale.ROOT));
            if (route.access() != Route.Access.PUBLIC) {
                operation.addSecurityItem(new SecurityRequirement().addList("bearer"));
            } else {
                operation.setSecurity(List.of()); // no token needed (details only with one)
            }
            Matcher matcher = PATH_PARAMETER.matcher(route.path());
            while (matcher.find()) {
                operation.addParametersItem(new Parameter().in("path").name(matcher.group(1)).required(true).schema(new StringSchema()));
            }
            QUERY_PARAMETERS.getOrDefault(key, Map.of()).forEach((name, description) -> operation.addParametersItem(
                    new Parameter().in("query").name(name).description(description).required("table".equals(name) && key.endsWith("/upload"))
                            .schema(new StringSchema())));
            if (route.jsonBody()) {
                Schema<?> schema = bodies.getOrDefault(key, new ObjectSchema());
                operation.requestBody(new RequestBody().required(true)
                        .content(new Content().addMediaType("application/json", new MediaType().schema(schema))));
            } else if (key.equals("POST /api/databases/{name}/upload")) {
                operation.requestBody(new RequestBody().required(true).description("the CSV rows (RFC 4180)")
                        .content(new Content().addMediaType("text/csv", new MediaType().schema(new StringSchema()))));
            }
            switch (route.method()) {
                case "GET" -> item.setGet(operation);
                case "POST" -> item.setPost(operation);
                case "DELETE" -> item.setDelete(operation);
                default -> throw new IllegalArgumentException("unsupported method " + route.method());
            }
        }
        return api.paths(paths);
    }

    private static String operationId(Route route) {
        StringBuilder id = new StringBuilder(route.method().toLowerCase(Locale.ROOT));
        if (route.path().equals("/")) {
            return id.append("Console").toString(); // the web console's page
        }
        for (String segment : route.path().substring(route.path().startsWith("/api/") ? "/api/".length() : 1).split("/")) {
            String word = segment.replaceAll("[{}.]", "");
            if (segment.startsWith("{")) {
                word = "By" + Character.toUpperCase(word.charAt(0)) + word.substring(1);
            }
            id.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return id.toString();
    }

    /** The codes a route may answer: its success, the input and policy refusals, 401 and 403 when it needs a role. */
    private static ApiResponses responses(Route route) {
        String key = route.method() + " " + route.path();
        Set<String> codes = new TreeSet<>();
        codes.add(switch (key) {
            case "POST /api/databases", "POST /api/databases/{name}/grants" -> "201";
            case "POST /api/query/async", "POST /api/databases/{name}/upload", "POST /api/databases/{name}/test-db" -> "202";
            default -> "200";
        });
        if (route.access() != Route.Access.PUBLIC) {
            codes.add("401");
            codes.add("403");
        }
        if (route.path().contains("{")) {
            codes.add("404");
        }
        if (route.jsonBody()) {
            codes.addAll(List.of("400", "413", "415"));
        }
        if (route.method().equals("POST") && route.path().startsWith("/api/query")) {
            codes.addAll(List.of("422", "429", "503"));
        }
        switch (key) {
            case "POST /api/databases" -> codes.addAll(List.of("409", "502"));
            case "DELETE /api/tasks/{id}", "DELETE /api/queries/{queryId}" -> codes.add("409");
            case "POST /api/databases/{name}/estimate", "POST /api/databases/{name}/validate", "POST /api/sql/limit", "POST /api/sql/inspect" -> codes.add("422");
            case "POST /api/databases/{name}/upload" -> codes.addAll(List.of("400", "413", "415"));
            case "GET /api/engines/{id}/grains", "GET /api/engines/{id}/parameters" -> codes.add("400");
            case "GET /api/tasks/{id}/report" -> codes.addAll(List.of("409", "410"));
            case "POST /api/databases/{name}/test-db" -> codes.addAll(List.of("429", "503"));
            default -> {
            }
        }
        ApiResponses responses = new ApiResponses();
        for (String code : codes) {
            ApiResponse response = new ApiResponse().description(describe(code));
            Schema<?> schema = code.startsWith("2") ? new ObjectSchema() : new Schema<>().$ref("#/components/schemas/Error");
            boolean page = route.path().equals("/api/docs") || route.path().equals("/") || route.path().equals("/api/tasks/{id}/report");
            if (code.startsWith("2") && (page || !route.path().startsWith("/api/") || route.path().startsWith("/api/docs"))) { // pages and their files
                response.content(new Content().addMediaType(page ? "text/html" : "*/*",
                        new MediaType().schema(new StringSchema())));
                responses.addApiResponse(code, response);
                continue;
            }
            response.content(new Content().addMediaType("application/json", new MediaType().schema(schema)));
            responses.addApiResponse(code, response);
        }
        return responses;
    }

    private static String describe(String code) {
        return switch (code) {
            case "200" -> "OK";
            case "201" -> "created";
            case "202" -> "accepted: a task was submitted ({taskId})";
            case "400" -> "invalid request (for POST /api/databases also connection_failed with a category)";
            case "401" -> "no valid bearer token";
            case "403" -> "the role or the database's policy does not allow it";
            case "404" -> "unknown, or not granted to the caller";
            case "409" -> "conflict (a name taken, a task already finished, a task still running)";
            case "410" -> "gone: the task failed, or its result expired";
            case "413" -> "request body too large";
            case "415" -> "wrong Content-Type";
            case "422" -> "too complex, or not supported by the engine";
            case "429" -> "too many queries in flight (Retry-After)";
            case "502" -> "an SSH tunnel that cannot be opened";
            case "503" -> "every pooled connection of the database busy (pool_busy), or the task service or cache unavailable (Retry-After with pool_busy)";
            default -> "HTTP " + code;
        };
    }

    private static Schema<?> errorSchema() {
        return new ObjectSchema()
                .addProperty("error", new StringSchema().description("a short code"))
                .addProperty("message", new StringSchema())
                .addProperty("category", new StringSchema().description("connection_failed: why the test connection failed")
                        ._enum(List.of("bad_credentials", "unknown_database", "unreachable_host", "timeout", "driver_missing", "tls", "other")))
                .addProperty("fields", new MapSchema().additionalProperties(new StringSchema()))
                .required(List.of("error", "message"));
    }

    private static StringSchema text(String description) {
        StringSchema schema = new StringSchema();
        schema.setDescription(description);
        return schema;
    }

    /** The JSON request bodies known per {@code "METHOD path"}; other JSON routes get an open object. */
    static Map<String, Schema<?>> bodies() {
        Map<String, Schema<?>> bodies = new LinkedHashMap<>();
        Schema<?> sshTunnel = new ObjectSchema()
                .addProperty("host", new StringSchema()).addProperty("port", new IntegerSchema()).addProperty("user", new StringSchema())
                .addProperty("password", new StringSchema().writeOnly(true)).addProperty("privateKey", new StringSchema().writeOnly(true))
                .addProperty("passphrase", new StringSchema().writeOnly(true)).addProperty("hostKey", new StringSchema())
                .required(List.of("host", "user", "hostKey"));
        Schema<?> catalogs = new ArraySchema().items(new StringSchema()).description("other catalogs requests may name, [\"*\"] for all");
        Schema<?> byUrl = new ObjectSchema()
                .addProperty("name", new StringSchema()).addProperty("url", text("a JDBC URL"))
                .addProperty("user", new StringSchema()).addProperty("password", new StringSchema().writeOnly(true))
                .addProperty("options", new MapSchema().additionalProperties(new StringSchema()))
                .addProperty("readOnly", new BooleanSchema()).addProperty("impersonate", new BooleanSchema())
                .addProperty("catalogs", catalogs).addProperty("sshTunnel", sshTunnel)
                .addProperty("verify", new BooleanSchema().description("open one test connection first (default true)"))
                .required(List.of("name", "url"));
        Schema<?> byParameters = new ObjectSchema()
                .addProperty("name", new StringSchema()).addProperty("engine", new StringSchema())
                .addProperty("parameters", new ObjectSchema().description("the engine's connection parameters: GET /api/engines/{id}/parameters"))
                .addProperty("readOnly", new BooleanSchema()).addProperty("impersonate", new BooleanSchema())
                .addProperty("catalogs", catalogs).addProperty("sshTunnel", sshTunnel)
                .addProperty("verify", new BooleanSchema().description("open one test connection first (default true)"))
                .required(List.of("name", "engine", "parameters"));
        bodies.put("POST /api/databases", new ComposedSchema().addOneOfItem(byUrl).addOneOfItem(byParameters));
        Schema<?> query = new ObjectSchema()
                .addProperty("database", new StringSchema()).addProperty("sql", new StringSchema())
                .addProperty("limit", new IntegerSchema()).addProperty("timeoutSeconds", new IntegerSchema())
                .addProperty("queryId", new StringSchema()).addProperty("cache", new BooleanSchema())
                .addProperty("catalog", new StringSchema()).addProperty("schema", new StringSchema())
                .addProperty("runAs", text("admins only, on a database registered with impersonate"))
                .addProperty("expandData", new BooleanSchema())
                .required(List.of("database", "sql"));
        bodies.put("POST /api/query", query);
        bodies.put("POST /api/query/async", query);
        Schema<?> sql = new ObjectSchema().addProperty("sql", new StringSchema()).required(List.of("sql"));
        bodies.put("POST /api/databases/{name}/validate", sql);
        bodies.put("POST /api/databases/{name}/estimate", sql);
        bodies.put("POST /api/sql/limit", new ObjectSchema().addProperty("engine", new StringSchema()).addProperty("sql", new StringSchema())
                .addProperty("limit", new IntegerSchema()).addProperty("force", new BooleanSchema()).required(List.of("engine", "sql", "limit")));
        bodies.put("POST /api/sql/inspect", new ObjectSchema().addProperty("engine", new StringSchema()).addProperty("sql", new StringSchema())
                .required(List.of("engine", "sql")));
        Schema<?> user = new ObjectSchema().addProperty("user", new StringSchema()).required(List.of("user"));
        bodies.put("POST /api/databases/{name}/grants", user);
        bodies.put("DELETE /api/databases/{name}/grants", user);
        return bodies;
    }
}
