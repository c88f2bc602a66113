package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * How an uploaded CSV file is written (RFC 4180 with the usual variations).
 *
 * @param delimiter  the field separator ({@code ,} by default; {@code ;}, tab and {@code |} are common)
 * @param header     whether the first record names the columns
 * @param nullMarker an <em>unquoted</em> field equal to it is SQL NULL (empty by default, so {@code a,,b} has a NULL
 *                   and {@code a,"",b} an empty string, as PostgreSQL's {@code COPY ... CSV} reads them)
 * @param charset    the file's encoding (UTF-8 by default); an undecodable byte fails the upload
 */
public record CsvFormat(char delimiter, boolean header, String nullMarker, Charset charset) {
    /** Comma-separated, with a header, empty unquoted fields NULL, UTF-8. */
    public static final CsvFormat DEFAULT = new CsvFormat(',', true, "", StandardCharsets.UTF_8);

    public CsvFormat {
        requireNonNull(nullMarker, "nullMarker is null");
        requireNonNull(charset, "charset is null");
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("the delimiter cannot be a quote or a line break");
        }
        if (nullMarker.indexOf(delimiter) >= 0 || nullMarker.indexOf('"') >= 0 || nullMarker.indexOf('\n') >= 0
                || nullMarker.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("the NULL marker cannot hold the delimiter, a quote or a line break");
        }
    }
}
