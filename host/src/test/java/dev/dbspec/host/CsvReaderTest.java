package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.CsvFormat;
import dev.dbspec.api.CsvReader;
import dev.dbspec.api.GenericType;
import dev.dbspec.api.UploadException;
import dev.dbspec.api.UploadTypes;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;
import org.junit.jupiter.api.Test;

/**
 * The SPI's {@link CsvReader} against Apache Commons CSV on 2,000 random RFC 4180 documents (quoted delimiters, quotes, CR, LF
 * and CRLF inside and between records, non-ASCII text, emoji, NULL markers quoted and not, three delimiters), plus its line
 * numbers, its errors and the type inference that keeps the text of every value.
 */
class CsvReaderTest {
    private static final String[] PIECES = {"a", "b", "xyz", " ", "1", "-2.5", ",", ";", "\t", "\"", "\"\"", "\n", "\r\n", "\r", "é",
            "日本", "😀", "\\N", "NULL", ""};

    @Test
    void agreesWithCommonsCsvOnRandomDocuments() throws IOException {
        Random random = new Random(20261205);
        for (int doc = 0; doc < 2_000; doc++) {
            char delimiter = new char[] {',', ';', '\t'}[random.nextInt(3)];
            int columns = 2 + random.nextInt(4);
            StringBuilder text = new StringBuilder();
            List<List<String>> expected = new ArrayList<>();
            int records = 1 + random.nextInt(8);
            for (int r = 0; r < records; r++) {
                List<String> record = new ArrayList<>();
                for (int c = 0; c < columns; c++) {
                    if (c > 0) {
                        text.append(delimiter);
                    }
                    if (random.nextInt(6) == 0) {
                        text.append("\\N"); // the NULL marker, unquoted
                        record.add(null);
                        continue;
                    }
                    StringBuilder value = new StringBuilder();
                    for (int p = random.nextInt(4); p > 0; p--) {
                        value.append(PIECES[random.nextInt(PIECES.length)]);
                    }
                    String v = value.toString();
                    boolean mustQuote = v.isEmpty() || v.equals("\\N") || v.indexOf(delimiter) >= 0 || v.contains("\"") || v.contains("\n")
                            || v.contains("\r") || v.startsWith(" ") || v.endsWith(" ");
                    if (mustQuote || random.nextBoolean()) {
                        text.append('"').append(v.replace("\"", "\"\"")).append('"');
                    } else {
                        text.append(v);
                    }
                    record.add(v);
                }
                expected.add(record);
                text.append(new String[] {"\n", "\r\n", "\r"}[random.nextInt(3)]);
            }
            if (random.nextBoolean()) {
                text.setLength(text.length() - (text.charAt(text.length() - 1) == '\n' && text.length() > 1 && text.charAt(text.length() - 2) == '\r' ? 2 : 1));
            }
            String document = text.toString();
            List<List<String>> ours = readOurs(document, delimiter);
            List<List<String>> theirs = readCommons(document, delimiter);
            assertThat(ours).as("document %d: %s", doc, document).isEqualTo(theirs).isEqualTo(expected);
        }
    }

    private static List<List<String>> readOurs(String document, char delimiter) throws IOException {
        List<List<String>> records = new ArrayList<>();
        try (CsvReader reader = new CsvReader(new StringReader(document), new CsvFormat(delimiter, false, "\\N", StandardCharsets.UTF_8))) {
            for (String[] fields = reader.next(); fields != null; fields = reader.next()) {
                records.add(Arrays.asList(fields));
            }
        }
        return records;
    }

    private static List<List<String>> readCommons(String document, char delimiter) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setNullString("\\N").setQuoteMode(QuoteMode.ALL_NON_NULL)
                .setIgnoreEmptyLines(true).get();
        List<List<String>> records = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(document, format)) {
            for (CSVRecord record : parser) {
                records.add(Arrays.asList(record.values()));
            }
        }
        return records;
    }

    @Test
    void linesAreWhereRecordsStartAndErrorsNameThem() throws IOException {
        String text = "\uFEFFid,note\n1,\"two\nlines\"\r\n\n2,x\n";
        try (CsvReader reader = new CsvReader(new StringReader(text), CsvFormat.DEFAULT)) {
            assertThat(reader.next()).containsExactly("id", "note");
            assertThat(reader.line()).isEqualTo(1);
            assertThat(reader.next()).containsExactly("1", "two\nlines");
            assertThat(reader.line()).isEqualTo(2);
            assertThat(reader.next()).containsExactly("2", "x");
            assertThat(reader.line()).as("after a quoted line break and a blank line").isEqualTo(5);
            assertThat(reader.next()).isNull();
        }
        assertThatThrownBy(() -> readOurs("a,b\n1,\"open\n2,3\n", ',')).isInstanceOf(UploadException.class)
                .hasMessage("line 2, column 2: a quoted field is not closed before the end of the file");
        assertThatThrownBy(() -> readOurs("a,b\n1,2\n3,\"x\"y\n", ',')).isInstanceOf(UploadException.class)
                .hasMessageStartingWith("line 3, column 2: text after a closing quote");
    }

    @Test
    void inferenceKeepsTheTextOfEveryValue() {
        UploadTypes.Inference inference = new UploadTypes.Inference(8);
        inference.accept(new String[] {"1", "007", "1.5", "1.50", "2024-02-29", "2024-02-29 10:00:00.123456", "true", null});
        inference.accept(new String[] {"-20", "7", "-0.25", "2", "2023-01-01", "2024-02-29T10:00:00", "false", null});
        assertThat(inference.types()).containsExactly(GenericType.INTEGER, GenericType.STRING, GenericType.FLOAT, GenericType.STRING,
                GenericType.DATE, GenericType.TIMESTAMP, GenericType.BOOLEAN, GenericType.STRING);
        assertThat(UploadTypes.fits(GenericType.DATE, "2023-02-29")).as("no such day").isFalse();
        assertThat(UploadTypes.fits(GenericType.INTEGER, "99999999999999999999")).as("beyond 64 bits").isFalse();
        assertThat(UploadTypes.fits(GenericType.TIMESTAMP, "2024-01-01 00:00:00.1234567")).as("beyond microseconds").isFalse();
        assertThatThrownBy(() -> UploadTypes.convert(GenericType.INTEGER, "12a")).hasMessage("'12a' is not an integer");
        assertThat(UploadTypes.convert(GenericType.TIMESTAMP, "2024-05-05")).as("a day into a timestamp column: its midnight")
                .isEqualTo(java.time.LocalDateTime.of(2024, 5, 5, 0, 0));
        assertThatThrownBy(() -> UploadTypes.convert(GenericType.TIMESTAMP, "2024-02-30")).hasMessageContaining("is not a timestamp");
    }
}
