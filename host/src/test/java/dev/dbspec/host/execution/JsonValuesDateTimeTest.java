package dev.dbspec.host.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.StringWriter;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The timestamp text written without a StringBuilder is exactly {@link LocalDateTime#toString}'s, whatever the value. */
class JsonValuesDateTimeTest {
    @Test
    void theTextIsLocalDateTimeToStringForEdgesAndRandomValues() throws Exception {
        List<LocalDateTime> values = new ArrayList<>(List.of(
                LocalDateTime.of(2024, 1, 1, 0, 0), // zero seconds: "T00:00"
                LocalDateTime.of(2024, 1, 1, 0, 0, 1),
                LocalDateTime.of(2024, 2, 29, 23, 59, 0, 1), // zero seconds with nanoseconds
                LocalDateTime.of(2024, 12, 31, 12, 34, 56, 120_000_000), // milliseconds
                LocalDateTime.of(2024, 12, 31, 12, 34, 56, 123_400_000),
                LocalDateTime.of(2024, 12, 31, 12, 34, 56, 123_456_000), // microseconds
                LocalDateTime.of(2024, 12, 31, 12, 34, 56, 123_456_789),
                LocalDateTime.of(0, 1, 1, 0, 0), LocalDateTime.of(7, 3, 4, 5, 6, 7), LocalDateTime.of(999, 1, 1, 1, 1),
                LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999),
                LocalDateTime.of(-1, 1, 1, 0, 0), LocalDateTime.of(10_000, 1, 1, 0, 0), // sign or 5 digits: toString itself
                LocalDateTime.MIN, LocalDateTime.MAX));
        Random random = new Random(20261205);
        for (int i = 0; i < 20_000; i++) {
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            values.add(LocalDateTime.of(random.nextInt(10_000), 1 + random.nextInt(12), 1 + random.nextInt(28), random.nextInt(24),
                    random.nextInt(60), i % 7 == 0 ? 0 : random.nextInt(60), i % 5 == 0 ? 0 : nano));
        }
        JsonFactory json = new JsonFactory();
        for (LocalDateTime value : values) {
            StringWriter written = new StringWriter();
            try (JsonGenerator out = json.createGenerator(written)) {
                JsonValues.writeDateTime(out, value);
            }
            assertThat(written.toString()).as(value.toString()).isEqualTo("\"" + value + "\"");
            // and as UTF-8 bytes, the generator QueryExecutor streams with (the text's bytes written raw)
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (JsonGenerator out = json.createGenerator(bytes, com.fasterxml.jackson.core.JsonEncoding.UTF8)) {
                JsonValues.writeDateTime(out, value);
            }
            assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8)).as(value.toString()).isEqualTo("\"" + value + "\"");
        }
    }
}
