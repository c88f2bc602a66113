package dev.dbspec.host.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.dbspec.api.GenericType;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@link PipelinedRows} hands the generator to its encoder thread; whatever way the read ends, the generator must be the
 * caller's again when {@code write} returns or throws, or the caller's {@code close()} (and error object) would be written
 * while the encoder still writes rows.
 */
class PipelinedRowsTest {
    private static final int ROWS_BEFORE_FAILURE = 600; // past the first batch, so the encoder thread runs
    private static final String TEXT = "x".repeat(2_000);

    @Test
    void aDriversUncheckedFailureIsThrownOnlyOnceTheEncoderHasLetGoOfTheGenerator() throws Exception {
        SlowCountingStream stream = new SlowCountingStream();
        JsonGenerator out = new JsonFactory().createGenerator(stream, JsonEncoding.UTF8);
        out.writeStartArray();

        assertThatThrownBy(() -> PipelinedRows.write(out, failingAfter(ROWS_BEFORE_FAILURE),
                new JsonValues.Columns(true, true, new GenericType[] {GenericType.STRING}, new int[] {Types.VARCHAR}), Long.MAX_VALUE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the driver broke");

        long writtenWhenThrown = stream.bytes.get();
        Thread.sleep(500);
        // nothing written behind the caller's back: the encoder had finished with the generator before the throw
        assertThat(stream.bytes.get()).isEqualTo(writtenWhenThrown);
        // and every row handed over is in the output (flushed by the caller now, as the caller owns the generator)
        out.flush();
        assertThat(stream.bytes.get()).isGreaterThanOrEqualTo((long) PipelinedRows.BATCH * 2 * TEXT.length());
    }

    /** A result set of one text column whose driver throws an unchecked exception at row {@code failAt}. */
    private static ResultSet failingAfter(int failAt) {
        int[] row = {0};
        return (ResultSet) Proxy.newProxyInstance(PipelinedRowsTest.class.getClassLoader(), new Class<?>[] {ResultSet.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "next" -> {
                        row[0]++;
                        yield true;
                    }
                    case "getObject", "getString" -> {
                        if (row[0] > failAt) {
                            throw new IllegalStateException("the driver broke");
                        }
                        yield TEXT;
                    }
                    case "wasNull" -> false;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** An output that takes its time (a slow client), counting what reached it. */
    private static final class SlowCountingStream extends OutputStream {
        final AtomicLong bytes = new AtomicLong();

        @Override
        public void write(int b) {
            bytes.incrementAndGet();
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            bytes.addAndGet(len);
        }
    }
}
