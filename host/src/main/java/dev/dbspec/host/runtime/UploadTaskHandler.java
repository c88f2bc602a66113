package dev.dbspec.host.runtime;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.dbspec.api.Capability;
import dev.dbspec.api.CsvFormat;
import dev.dbspec.api.CsvReader;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.GenericType;
import dev.dbspec.api.TableName;
import dev.dbspec.api.TableUpload;
import dev.dbspec.api.TaskHandler;
import dev.dbspec.api.UploadException;
import dev.dbspec.api.UploadMode;
import dev.dbspec.api.UploadTypes;
import dev.dbspec.host.databases.Database;
import dev.dbspec.host.databases.DatabaseRegistry;
import dev.dbspec.host.databases.RequestException;
import dev.dbspec.host.security.AuditAction;
import dev.dbspec.host.security.AuditEntry;
import dev.dbspec.host.upload.UploadFiles;
import dev.dbspec.host.upload.UploadRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Task type {@value #TYPE}: loads an uploaded CSV file into a table ({@link UploadRequest} is the payload). The file
 * is read with {@link CsvReader}; column types come from the user, from the existing table (append) or from a first
 * pass over the file ({@link UploadTypes.Inference}); then {@link TableUpload} loads it through the engine's
 * {@link EngineSpec#bulkLoad()} so that a redelivered task (its worker killed) neither duplicates nor half-loads
 * rows. Progress is reported as {@code rowsDone}. A bad record or value fails the task for good, naming its line and
 * column; an unreachable database is retried. The file is deleted once the task succeeded or failed for good.
 */
public final class UploadTaskHandler implements TaskHandler {
    /** The task type. */
    public static final String TYPE = "upload";
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(UploadTaskHandler.class);
    private static final int CANCEL_CHECK_EVERY = 1_000;

    private final DatabaseRegistry databases;
    private final UploadFiles files;
    private final Consumer<AuditEntry> audit;

    public UploadTaskHandler(DatabaseRegistry databases, UploadFiles files, Consumer<AuditEntry> audit) {
        this.databases = requireNonNull(databases, "databases is null");
        this.files = requireNonNull(files, "files is null");
        this.audit = requireNonNull(audit, "audit is null");
    }

    @Override
    public String run(String payload, BooleanSupplier cancelled) throws Exception {
        return run(payload, cancelled, Progress.NONE);
    }

    @Override
    public String run(String payload, BooleanSupplier cancelled, Progress progress) throws Exception {
        UploadRequest request = UploadRequest.fromJson(payload);
        long started = System.nanoTime();
        Database database;
        try {
            database = databases.database(request.database(), request.databaseId());
        } catch (RequestException e) {
            throw finalOrRetry(request, e.kind() + ": " + e.getMessage(), e.kind() == RequestException.Kind.UNAVAILABLE);
        }
        EngineSpec spec = database.spec();
        if (database.registration().readOnly()) {
            throw finalOrRetry(request, "FORBIDDEN: database '" + request.database() + "' is read-only", false);
        }
        if (!spec.has(Capability.FILE_UPLOAD)) {
            throw finalOrRetry(request, "NOT_SUPPORTED: engine " + spec.id() + " has no file upload", false);
        }
        TableName table = TableName.of(request.schema().orElse(null), request.table());
        try (Connection connection = database.pool().getConnection()) {
          try {
            connection.setAutoCommit(true);
            OptionalLong done = TableUpload.resumeCompleted(spec, connection, table, request.mode(), request.uploadId());
            if (done.isPresent()) { // a redelivery of a task whose work was committed before its worker died
                progress.report(java.util.Map.of("rowsDone", done.getAsLong()));
                return finish(request, spec, new TableUpload.Result(done.getAsLong(), true), List.of(), started, "none");
            }
            UploadFiles.Body file = files.body(request.uploadId());
            if (!files.exists(request.uploadId())) {
                throw finalOrRetry(request, "the uploaded file of task " + request.uploadId() + " is gone: its body did not arrive whole (refused, or its client went away), or it expired or was already loaded", false);
            }
            Optional<List<GenericType>> inferred = Optional.empty();
            if (spec.bulkLoad().readsCsv(request.format())) {
                // the engine reads the CSV itself: types guessed from the first records, confirmed while the bytes stream
                Plan plan = columns(spec, connection, table, request, file, true);
                List<GenericType> types = plan.columns().stream().map(TableUpload.Column::type).toList();
                try {
                    TableUpload.Result result = TableUpload.run(spec, connection, table, request.mode(), request.uploadId(), plan.columns(),
                            (c, target) -> CsvPassThrough.copy(spec, c, target, file, request.format(), types, plan.inferred(), cancelled, progress));
                    return finish(request, spec, result, plan.columns(), started, "csv");
                } catch (CsvPassThrough.Fallback e) {
                    LOG.info("upload {}: loading the converted rows ({})", request.uploadId(), e.getMessage());
                    inferred = Optional.ofNullable(e.inferred);
                }
            }
            List<TableUpload.Column> columns = inferred.isPresent()
                    ? withTypes(columns(spec, connection, table, request, file, true), inferred.get())
                    : columns(spec, connection, table, request, file, false).columns();
            Rows rows = new Rows(file, request.format(), columns, cancelled);
            try (rows) {
                TableUpload.Result result = TableUpload.run(spec, connection, table, request.mode(), request.uploadId(), columns, rows,
                        rowsDone -> progress.report(java.util.Map.of("rowsDone", rowsDone)));
                progress.report(java.util.Map.of("rowsDone", result.rows()));
                return finish(request, spec, result, columns, started, "rows");
            }
          } catch (Exception | Error e) {
            // A failed or cancelled load may leave the session mid-transaction or mid-COPY (the driver's CopyManager works
            // below the pool's proxy, which then does not know to roll back): never hand that connection to the next user.
            if (database.pool() instanceof com.zaxxer.hikari.HikariDataSource pool) {
                pool.evictConnection(connection);
            }
            throw e;
          }
        } catch (UploadException e) {
            throw finalOrRetry(request, "INVALID: " + e.getMessage(), false);
        } catch (UncheckedIOException e) {
            throw finalOrRetry(request, "INVALID: " + e.getCause().getMessage(), false);
        } catch (UploadFiles.IncompleteException e) {
            throw finalOrRetry(request, "INVALID: " + e.getMessage(), false);
        } catch (CancellationException e) {
            files.delete(request.uploadId());
            record(request, OptionalLong.empty(), started, "cancelled");
            throw e;
        } catch (SQLException e) {
            ErrorCategory category = spec.classifyError(e);
            throw finalOrRetry(request, category + ": " + e.getMessage(), category == ErrorCategory.UNREACHABLE_HOST);
        }
    }

    /** The target's columns, and which of them have inferred types. */
    record Plan(List<TableUpload.Column> columns, boolean[] inferred) {
    }

    /** {@code plan} with its inferred columns typed as {@code types} says (the whole file's inference). */
    private static List<TableUpload.Column> withTypes(Plan plan, List<GenericType> types) {
        List<TableUpload.Column> columns = new ArrayList<>();
        for (int i = 0; i < plan.columns().size(); i++) {
            TableUpload.Column column = plan.columns().get(i);
            columns.add(plan.inferred()[i] ? new TableUpload.Column(column.name(), types.get(i)) : column);
        }
        return columns;
    }

    /**
     * The target's columns: existing ones (append) or named by the header, typed as given or inferred (from the whole file,
     * or with {@code sample} from its first {@link CsvPassThrough#SAMPLE} records).
     */
    private static Plan columns(EngineSpec spec, Connection connection, TableName table, UploadRequest request, UploadFiles.Body file, boolean sample)
            throws IOException, SQLException {
        List<String> names;
        List<GenericType> inferred = null;
        try (CsvReader reader = reader(file, request.format())) {
            String[] first = reader.next();
            if (first == null) {
                throw new UploadException("the file has no records");
            }
            if (request.format().header()) {
                names = new ArrayList<>();
                Set<String> seen = new HashSet<>();
                for (int i = 0; i < first.length; i++) {
                    String name = first[i] == null || first[i].isBlank() ? "column_" + (i + 1) : first[i].strip();
                    TableUpload.checkName(name, "header column " + (i + 1));
                    if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                        throw new UploadException(reader.line(), i + 1, "the header names column '" + name + "' twice");
                    }
                    names.add(name);
                }
            } else {
                names = new ArrayList<>();
                for (int i = 0; i < first.length; i++) {
                    names.add("column_" + (i + 1));
                }
            }
            for (String given : request.types().keySet()) {
                if (!names.contains(given)) {
                    throw new UploadException("'types' names column '" + given + "', which the file does not have " + names);
                }
            }
            if (request.mode() != UploadMode.APPEND && !request.types().keySet().containsAll(names)) {
                UploadTypes.Inference inference = new UploadTypes.Inference(names.size());
                if (!request.format().header()) {
                    inference.accept(first);
                }
                long limit = sample ? CsvPassThrough.SAMPLE : Long.MAX_VALUE;
                String[] fields = reader.next();
                for (long read = 0; fields != null && read < limit; read++, fields = reader.next()) {
                    inference.accept(fields);
                }
                inferred = inference.types();
            }
        }
        if (request.mode() == UploadMode.APPEND) {
            List<TableUpload.Column> existing = TableUpload.existingColumns(spec, connection, table)
                    .orElseThrow(() -> new UploadException("table " + request.table() + " does not exist (mode append; use create)"));
            if (!request.format().header()) {
                if (names.size() > existing.size()) {
                    throw new UploadException("the file has " + names.size() + " columns, table " + request.table() + " " + existing.size());
                }
                return new Plan(existing.subList(0, names.size()), new boolean[names.size()]);
            }
            List<TableUpload.Column> columns = new ArrayList<>();
            for (String name : names) {
                TableUpload.Column match = existing.stream().filter(column -> column.name().equals(name)).findFirst()
                        .or(() -> existing.stream().filter(column -> column.name().equalsIgnoreCase(name)).findFirst())
                        .orElseThrow(() -> new UploadException("table " + request.table() + " has no column '" + name + "'"));
                columns.add(match);
            }
            return new Plan(columns, new boolean[columns.size()]);
        }
        List<TableUpload.Column> columns = new ArrayList<>();
        boolean[] guessed = new boolean[names.size()];
        for (int i = 0; i < names.size(); i++) {
            GenericType given = request.types().get(names.get(i));
            guessed[i] = given == null;
            GenericType type = given != null ? given : inferred == null ? GenericType.STRING : inferred.get(i);
            columns.add(new TableUpload.Column(names.get(i), type));
        }
        return new Plan(columns, guessed);
    }

    static CsvReader reader(UploadFiles.Body file, CsvFormat format) throws IOException {
        // an undecodable byte is an error, never a replacement character in the table
        return new CsvReader(new BufferedReader(new InputStreamReader(file.open(), format.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16), format);
    }

    /** The file's records after the header, converted to the columns' types; each failure names its line and column. */
    private static final class Rows implements Iterator<Object[]>, AutoCloseable {
        private final CsvReader reader;
        private final List<GenericType> types;
        private final List<String> names;
        private final BooleanSupplier cancelled;
        private String[] next;
        private long count;

        Rows(UploadFiles.Body file, CsvFormat format, List<TableUpload.Column> columns, BooleanSupplier cancelled) throws IOException {
            this.reader = reader(file, format);
            this.types = columns.stream().map(TableUpload.Column::type).toList();
            this.names = columns.stream().map(TableUpload.Column::name).toList();
            this.cancelled = cancelled;
            if (format.header()) {
                advance();
            }
            advance();
        }

        private void advance() {
            try {
                next = reader.next();
            } catch (CharacterCodingException e) {
                throw new UploadException(reader.line() + 1, 0, "the file is not valid in its encoding (" + e.getMessage() + ")");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public Object[] next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            if (++count % CANCEL_CHECK_EVERY == 0 && cancelled.getAsBoolean()) {
                throw new CancellationException("the upload was cancelled");
            }
            String[] fields = next;
            long line = reader.line();
            if (fields.length != types.size()) {
                throw new UploadException(line, 0, "the record has " + fields.length + " field(s), expected " + types.size());
            }
            Object[] row = new Object[fields.length];
            for (int i = 0; i < fields.length; i++) {
                try {
                    row[i] = UploadTypes.convert(types.get(i), fields[i]);
                } catch (IllegalArgumentException e) {
                    throw new UploadException(line, i + 1, "(" + names.get(i) + ") " + e.getMessage());
                }
            }
            advance();
            return row;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    /** The result; {@code loadedAs} says how: {@code csv} (the engine read the file), {@code rows} (converted here), {@code none} (done before). */
    private String finish(UploadRequest request, EngineSpec spec, TableUpload.Result result, List<TableUpload.Column> columns, long started,
                          String loadedAs) throws IOException {
        files.delete(request.uploadId());
        record(request, OptionalLong.of(result.rows()), started, result.alreadyDone() ? "ok (already done)" : "ok");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("database", request.database());
        request.schema().ifPresent(schema -> json.put("schema", schema));
        json.put("table", request.table());
        json.put("mode", request.mode().name().toLowerCase(Locale.ROOT));
        json.put("rows", result.rows());
        json.put("alreadyDone", result.alreadyDone());
        json.put("engine", spec.id());
        json.put("loadedAs", loadedAs);
        List<Map<String, String>> described = new ArrayList<>();
        for (TableUpload.Column column : columns) {
            Map<String, String> item = new LinkedHashMap<>();
            item.put("name", column.name());
            item.put("type", column.type().name());
            described.add(item);
        }
        json.put("columns", described);
        json.put("durationMs", (System.nanoTime() - started) / 1_000_000);
        return MAPPER.writeValueAsString(json);
    }

    /** A failure for the task service; a final one deletes the file (no retry will read it) and is audited. */
    private QueryTaskHandler.Failure finalOrRetry(UploadRequest request, String message, boolean retryable) {
        if (!retryable) {
            files.delete(request.uploadId());
            record(request, OptionalLong.empty(), System.nanoTime(), "failed");
        }
        return new QueryTaskHandler.Failure(message, retryable);
    }

    private void record(UploadRequest request, OptionalLong rows, long started, String outcome) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("table", request.schema().map(schema -> schema + ".").orElse("") + request.table());
        details.put("mode", request.mode().name().toLowerCase(Locale.ROOT));
        rows.ifPresent(count -> details.put("rows", Long.toString(count)));
        details.put("durationMs", Long.toString(Math.max(0, (System.nanoTime() - started) / 1_000_000)));
        audit.accept(AuditEntry.of(request.owner().orElse("unknown"), AuditAction.UPLOAD_RUN, Optional.of(request.database()), outcome, details));
    }
}
