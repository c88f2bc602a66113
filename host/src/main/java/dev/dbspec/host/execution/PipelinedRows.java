package dev.dbspec.host.execution;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Streams a result's rows into a JSON array with the reading and the encoding on two threads: the calling thread reads
 * batches of {@link #BATCH} rows from the driver ({@link JsonValues#read}, which takes from the result set all it needs)
 * while an encoder thread writes the previous batches ({@link JsonValues#writeRead}). A driver that fetches a block of rows
 * and then waits to be asked for the next (pgjdbc with a fetch size) otherwise spends the JSON encoding in series with the
 * database's work: measured, the host's encoding was about 40 % of its CPU per row on 10^6 PostgreSQL rows
 * (bench/query-postgresql.sh). A result that fits in its first batch is written on the calling thread, as before: a small
 * answer pays for no hand-over. The output is byte for byte what one thread wrote before (StreamedRowsRestTest).
 */
final class PipelinedRows {
    /** Rows per hand-over. */
    static final int BATCH = 256;
    /** Batches read ahead of the encoder at most (memory: a few batches of rows). */
    private static final int AHEAD = 4;
    private static final Object[][] END = new Object[0][];
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService ENCODERS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "dbspec-json-encoder-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    /** What was read: rows written, whether rows were left past the limit, and the driver's error that ended the read, if any. */
    record Read(long rows, boolean truncated, SQLException error) {
    }

    private PipelinedRows() {
    }

    /**
     * Writes at most {@code limit} rows of {@code rs} as JSON arrays into {@code out} (inside its open array); never writes
     * anything else. A driver error ends the rows and is returned; a failure to write is thrown.
     *
     * @throws UncheckedIOException when the output fails (the client went away): reading stops
     */
    static Read write(JsonGenerator out, ResultSet rs, JsonValues.Columns columns, long limit) {
        Reader reader = new Reader(rs, columns, limit);
        Object[][] first = new Object[BATCH][];
        int filled = reader.fill(first);
        if (!reader.more(filled)) { // all of it is here: no second thread
            encode(out, first, filled);
            return new Read(reader.rows, reader.truncated, reader.error);
        }
        BlockingQueue<Object[][]> queue = new ArrayBlockingQueue<>(AHEAD);
        queue.add(first);
        long handed = filled; // rows given to the encoder: what the answer's rowCount says
        boolean interrupted = false;
        Throwable readFailure = null;
        Future<?> encoder = ENCODERS.submit(() -> {
            for (Object[][] batch = take(queue); batch != END; batch = take(queue)) {
                encode(out, batch, batch.length);
            }
            return null;
        });
        SQLException error = null;
        try {
            while (!encoder.isDone()) {
                Object[][] batch = new Object[BATCH][];
                filled = reader.fill(batch);
                if (filled > 0) {
                    if (!put(queue, filled == BATCH ? batch : java.util.Arrays.copyOf(batch, filled), encoder)) {
                        break; // the encoder ended early: its failure is thrown below
                    }
                    handed += filled;
                }
                if (!reader.more(filled)) {
                    break;
                }
            }
            error = reader.error;
        } catch (InterruptedException e) {
            interrupted = true; // a cancelled task: stop reading, let the encoder finish what it holds
            error = new SQLException("interrupted while streaming the rows", "57014", e);
        } catch (RuntimeException | Error e) {
            // A driver's unchecked failure (or an OutOfMemoryError) while the encoder still owns the generator: thrown only
            // once the encoder has let go, or the caller would close the generator under it and the encoder would wait forever.
            readFailure = e;
        }
        // The end marker goes in whatever happens, uninterruptibly: the generator is the encoder's until it has let go.
        while (!encoder.isDone()) {
            try {
                put(queue, END, encoder);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        try {
            await(encoder);
        } catch (RuntimeException e) {
            if (readFailure == null) {
                throw e;
            }
            readFailure.addSuppressed(e); // the read failed first: that is the answer
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (readFailure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (readFailure instanceof Error fatal) {
            throw fatal;
        }
        return new Read(handed, reader.truncated, error);
    }

    /** Reads rows into batches, at most {@code limit} of them; notes whether rows were left past the limit and the driver's error. */
    private static final class Reader {
        private final ResultSet rs;
        private final JsonValues.Columns columns;
        private final long limit;
        long rows;
        boolean truncated;
        SQLException error;

        Reader(ResultSet rs, JsonValues.Columns columns, long limit) {
            this.rs = rs;
            this.columns = columns;
            this.limit = limit;
        }

        /** Fills {@code batch} with the next rows; returns how many (fewer once the rows ended, the limit came or the driver failed). */
        int fill(Object[][] batch) {
            int filled = 0;
            try {
                while (filled < batch.length && rs.next()) {
                    if (rows >= limit) {
                        truncated = true;
                        break;
                    }
                    Object[] row = new Object[columns.count()];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = columns.read(rs, i);
                    }
                    batch[filled++] = row;
                    rows++;
                }
            } catch (SQLException e) {
                error = e;
            }
            return filled;
        }

        /** Whether rows may follow a fill of {@code filled}: a full batch, under the limit, no error. */
        boolean more(int filled) {
            return filled == BATCH && !truncated && error == null;
        }
    }

    private static void encode(JsonGenerator out, Object[][] batch, int count) {
        try {
            for (int r = 0; r < count; r++) {
                out.writeStartArray();
                for (Object value : batch[r]) {
                    JsonValues.writeRead(out, value);
                }
                out.writeEndArray();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the result: " + e.getMessage(), e);
        }
    }

    private static Object[][] take(BlockingQueue<Object[][]> queue) throws InterruptedException {
        return queue.take();
    }

    /** Hands {@code batch} over unless the encoder ended (then false). */
    private static boolean put(BlockingQueue<Object[][]> queue, Object[][] batch, Future<?> encoder) throws InterruptedException {
        while (!queue.offer(batch, 50, TimeUnit.MILLISECONDS)) {
            if (encoder.isDone()) {
                return false;
            }
        }
        return true;
    }

    /** Waits for the encoder; its failure to write is this call's. */
    private static void await(Future<?> encoder) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    encoder.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true; // the encoder still owns the generator: wait for it to let go
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
