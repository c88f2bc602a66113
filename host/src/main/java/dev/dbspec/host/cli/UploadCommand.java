package dev.dbspec.host.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dbspec upload FILE --database NAME --table T}: sends a CSV file to a running {@code dbspec serve}
 * ({@code POST /api/databases/{name}/upload}, the file streamed, never read into memory), then follows the task, printing
 * {@code rowsDone} on stderr, and prints the task's result (JSON) on stdout. The token is read from an environment
 * variable ({@code DBSPEC_TOKEN} by default), never from the command line, where other users could see it.
 */
@Command(name = "upload", mixinStandardHelpOptions = true,
        description = "Upload a CSV file into a table of a registered database through a running dbspec server.")
final class UploadCommand implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Parameters(index = "0", paramLabel = "FILE", description = "The CSV file (RFC 4180).")
    Path file;

    @Option(names = "--server", defaultValue = "http://127.0.0.1:8088", paramLabel = "URL", description = "The dbspec server (default ${DEFAULT-VALUE}).")
    URI server;

    @Option(names = {"-d", "--database"}, required = true, paramLabel = "NAME", description = "The registered database.")
    String database;

    @Option(names = {"-t", "--table"}, required = true, paramLabel = "TABLE", description = "The target table (quoted as given).")
    String table;

    @Option(names = "--schema", paramLabel = "SCHEMA", description = "The target schema (the connection's default otherwise).")
    String schema;

    @Option(names = "--mode", defaultValue = "create", paramLabel = "MODE", description = "create (default), append or replace.")
    String mode;

    @Option(names = "--delimiter", defaultValue = ",", paramLabel = "CHAR", description = "Field delimiter (default ','; 'tab' for tabs).")
    String delimiter;

    @Option(names = "--no-header", description = "The first line is data; columns are named column_1, column_2...")
    boolean noHeader;

    @Option(names = "--null", defaultValue = "", paramLabel = "MARKER", description = "Unquoted text read as NULL (default: an empty field).")
    String nullMarker;

    @Option(names = "--encoding", defaultValue = "UTF-8", paramLabel = "CHARSET", description = "The file's encoding (default ${DEFAULT-VALUE}).")
    String encoding;

    @Option(names = "--types", paramLabel = "COL:TYPE,...", description = "Column types (STRING, INTEGER, DECIMAL, FLOAT, BOOLEAN, DATE, TIME, TIMESTAMP); the rest are inferred.")
    String types;

    @Option(names = "--token-env", defaultValue = "DBSPEC_TOKEN", paramLabel = "VAR", description = "Environment variable holding the bearer token (default ${DEFAULT-VALUE}).")
    String tokenEnv;

    @Option(names = "--no-wait", description = "Print the task id and return without following the task.")
    boolean noWait;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        String token = System.getenv(tokenEnv);
        if (token == null || token.isBlank()) {
            err.println("dbspec upload: set the bearer token in $" + tokenEnv);
            err.flush();
            return 2;
        }
        if (!Files.isRegularFile(file)) {
            err.println("dbspec upload: no such file " + file);
            err.flush();
            return 2;
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("table", table);
        if (schema != null) {
            query.put("schema", schema);
        }
        query.put("mode", mode);
        query.put("delimiter", delimiter);
        query.put("header", Boolean.toString(!noHeader));
        query.put("null", nullMarker);
        query.put("encoding", encoding);
        if (types != null) {
            query.put("types", types);
        }
        String parameters = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        URI target = server.resolve("/api/databases/" + URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20") + "/upload?" + parameters);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> accepted = client.send(HttpRequest.newBuilder(target)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/csv")
                .expectContinue(true) // a refused upload (403, 413...) is answered before the file is sent
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
        if (accepted.statusCode() != 202) {
            err.println("dbspec upload: " + accepted.statusCode() + " " + accepted.body());
            err.flush();
            return 1;
        }
        String taskId = Json.MAPPER.readTree(accepted.body()).path("taskId").asText();
        if (noWait) {
            out.println(taskId);
            out.flush();
            return 0;
        }
        err.println("task " + taskId);
        long lastRows = -1;
        while (true) {
            // a long poll of a second: the end is known at once, the rows done once a second meanwhile
            HttpResponse<String> polled = client.send(HttpRequest.newBuilder(server.resolve("/api/tasks/" + taskId + "?wait=1"))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode status = Json.MAPPER.readTree(polled.body());
            long rows = status.path("progress").path("rowsDone").asLong(-1);
            if (rows >= 0 && rows != lastRows) {
                err.println("rows done: " + rows);
                err.flush();
                lastRows = rows;
            }
            String state = status.path("state").asText();
            if (state.equals("SUCCEEDED")) {
                HttpResponse<String> result = client.send(HttpRequest.newBuilder(server.resolve("/api/tasks/" + taskId + "/result"))
                        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
                out.println(result.body());
                out.flush();
                return 0;
            }
            if (state.equals("FAILED") || state.equals("CANCELLED") || polled.statusCode() != 200) {
                err.println("dbspec upload: task " + taskId + " " + (state.isEmpty() ? polled.body() : state + ": " + status.path("taskError").asText("")));
                err.flush();
                return 1;
            }
        }
    }
}
