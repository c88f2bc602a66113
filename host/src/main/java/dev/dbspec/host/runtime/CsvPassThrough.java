package dev.dbspec.host.runtime;

import dev.dbspec.api.BulkLoad;
import dev.dbspec.api.CsvFormat;
import dev.dbspec.api.CsvReader;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.GenericType;
import dev.dbspec.api.TaskHandler;
import dev.dbspec.api.UploadException;
import dev.dbspec.api.UploadTypes;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import dev.dbspec.host.upload.UploadFiles;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * The fast path of an upload into an engine that reads CSV itself ({@link BulkLoad#loadCsv}: PostgreSQL's COPY): a
 * copier thread streams the file's bytes to the engine while this thread reads the same file with {@link CsvReader} and
 * proves what the engine will store: every value fits its column's type (types given, of the existing table, or guessed
 * from the first records and confirmed by the full inference at the end), every record has its columns, no unquoted field
 * holds a quote (which the engine would read differently), and the engine's row count equals the records read. Any doubt
 * aborts the copy and raises {@link Fallback}; the upload's transaction is then rolled back and the rows are loaded the
 * converting way, which also names a bad line and column. A malformed record is reported at once.
 */
final class CsvPassThrough {
    /** The guessed types come from this many records; the whole file confirms them. */
    static final int SAMPLE = 10_000;
    private static final int PROGRESS_EVERY = 10_000;

    private CsvPassThrough() {
    }

    /** The pass-through could not prove its result: load the rows instead (with {@code inferred}, the full file's types, if known). */
    static final class Fallback extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient List<GenericType> inferred;

        Fallback(String reason, List<GenericType> inferred) {
            super(reason, null, false, false);
            this.inferred = inferred;
        }
    }

    /**
     * Loads {@code file} through {@link BulkLoad#loadCsv} while checking it.
     *
     * @param types   the type of each column
     * @param guessed which of them were guessed from the first {@link #SAMPLE} records (confirmed by the whole file)
     */
    static long copy(EngineSpec spec, Connection connection, BulkLoad.Target target, UploadFiles.Body file, CsvFormat format, List<GenericType> types,
                     boolean[] guessed, BooleanSupplier cancelled, TaskHandler.Progress progress) throws SQLException {
        AtomicBoolean abort = new AtomicBoolean();
        CompletableFuture<OptionalLong> copier = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try (InputStream in = new Abortable(withoutBom(file), abort)) {
                copier.complete(spec.bulkLoad().loadCsv(connection, target, format, in));
            } catch (Throwable e) {
                copier.completeExceptionally(e);
            }
        }, "dbspec-upload-copy");
        thread.setDaemon(true);
        thread.start();
        long records = 0;
        boolean complete = true;
        try {
            UploadTypes.Inference inference = new UploadTypes.Inference(types.size());
            try (CsvReader reader = UploadTaskHandler.reader(file, format)) {
                if (format.header()) {
                    reader.next();
                    if (reader.currentLine() != 2) {
                        throw new Fallback("the header spans several lines", null);
                    }
                }
                for (String[] fields = reader.next(); fields != null; fields = reader.next()) {
                    records++;
                    if (fields.length != types.size()) {
                        throw new UploadException(reader.line(), 0, "the record has " + fields.length + " field(s), expected " + types.size());
                    }
                    inference.accept(fields);
                    for (int i = 0; i < fields.length; i++) {
                        if (!guessed[i] && fields[i] != null && !UploadTypes.fits(types.get(i), fields[i])) {
                            throw new Fallback("a value does not fit its given type as written", null);
                        }
                    }
                    if (records % PROGRESS_EVERY == 0) {
                        progress.report(java.util.Map.of("rowsDone", records));
                        if (cancelled.getAsBoolean()) {
                            throw new CancellationException("the upload was cancelled");
                        }
                    }
                    if (copier.isCompletedExceptionally()) {
                        complete = false; // the engine refused something: the converting path will name it
                        break;
                    }
                }
                if (reader.strayQuotes() > 0 || reader.blankLines() > 0) {
                    throw new Fallback("quotes inside unquoted fields or blank lines, which the engine reads otherwise", null);
                }
            } catch (UploadFiles.IncompleteException e) {
                throw new java.io.UncheckedIOException(e); // no other path can load a body that never arrived whole
            } catch (IOException e) {
                throw new Fallback("the file could not be checked: " + e.getMessage(), null);
            }
            List<GenericType> inferred = complete ? inference.types() : null; // a partial read proves no type
            for (int i = 0; inferred != null && i < types.size(); i++) {
                if (guessed[i] && inferred.get(i) != types.get(i)) {
                    throw new Fallback("column " + (i + 1) + " is " + inferred.get(i) + " in the whole file, " + types.get(i) + " in its first records",
                            inferred);
                }
            }
            OptionalLong copied;
            try {
                copied = copier.get();
            } catch (ExecutionException e) {
                throw new Fallback("the engine refused the file: " + e.getCause().getMessage(), inferred);
            }
            if (copied.isEmpty() || copied.getAsLong() != records) {
                throw new Fallback("the engine read " + copied + " rows, the file has " + records, inferred);
            }
            progress.report(java.util.Map.of("rowsDone", records));
            return records;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } finally {
            abort.set(true);
            // The connection must be this thread's again before the transaction ends, even when this thread is interrupted
            // (a cancelled task): returning early let the copier abort its COPY after the rollback, and the next user of the
            // pooled connection found it in an aborted transaction. The aborted input ends the copier quickly.
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The types of the first {@link #SAMPLE} records (header skipped). */
    static List<GenericType> sample(UploadFiles.Body file, CsvFormat format, int columns) throws IOException {
        UploadTypes.Inference inference = new UploadTypes.Inference(columns);
        try (CsvReader reader = UploadTaskHandler.reader(file, format)) {
            if (format.header()) {
                reader.next();
            }
            String[] fields = reader.next();
            for (int i = 0; fields != null && i < SAMPLE; i++, fields = reader.next()) {
                inference.accept(fields);
            }
        }
        return inference.types();
    }

    private static InputStream withoutBom(UploadFiles.Body file) throws IOException {
        InputStream in = new BufferedInputStream(file.open(), 1 << 16);
        in.mark(3);
        byte[] head = in.readNBytes(3);
        if (!(head.length == 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF)) {
            in.reset();
        }
        return in;
    }

    /** Fails its reader once {@code abort} is set, which makes the driver abandon the copy. */
    private static final class Abortable extends FilterInputStream {
        private final AtomicBoolean abort;

        Abortable(InputStream in, AtomicBoolean abort) {
            super(in);
            this.abort = abort;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (abort.get()) {
                throw new IOException("upload check failed: copy abandoned");
            }
            return super.read(buffer, offset, length);
        }

        @Override
        public int read() throws IOException {
            if (abort.get()) {
                throw new IOException("upload check failed: copy abandoned");
            }
            return super.read();
        }
    }
}
