package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 reader: fields separated by the format's delimiter, records by CRLF, LF or CR; a field in
 * double quotes may hold delimiters, line breaks and doubled quotes; an unquoted field equal to the NULL marker is
 * null, a quoted one never is. Blank lines are skipped and a UTF-8 byte order mark at the start is dropped. A
 * quote left open or text after a closing quote raises {@link UploadException} with the line and column.
 *
 * <p>It lives in the SPI, which depends on the JDK only, so the host and the conformance kit read CSV alike; the
 * host's tests compare it with Apache Commons CSV.
 */
public final class CsvReader implements AutoCloseable {
    private static final int EOF = -1;
    private final Reader in;
    private final char delimiter;
    private final String nullMarker;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private int pushedBack = Integer.MIN_VALUE;
    private long line = 1;
    private long recordLine;
    private final StringBuilder text = new StringBuilder();
    private boolean first = true;
    private long strayQuotes;
    private long blankLines;

    public CsvReader(Reader in, CsvFormat format) {
        this.in = requireNonNull(in, "in is null");
        requireNonNull(format, "format is null");
        this.delimiter = format.delimiter();
        this.nullMarker = format.nullMarker();
    }

    /** The line (1-based) the next record would start on: one past the end of the record last returned. */
    public long currentLine() {
        return line;
    }

    /**
     * How many unquoted fields held a quote ({@code a"b}, read literally here; PostgreSQL's CSV reader would start
     * quoting there), so a caller can tell readers that might disagree.
     */
    public long strayQuotes() {
        return strayQuotes;
    }

    /** How many blank lines were skipped. */
    public long blankLines() {
        return blankLines;
    }

    /** The line (1-based) where the record last returned by {@link #next()} starts. */
    public long line() {
        return recordLine;
    }

    /**
     * The next record's fields (null for the NULL marker), or null at the end of the input.
     *
     * @throws UploadException for a quote left open or text after a closing quote
     */
    public String[] next() throws IOException {
        int c = read();
        if (first) {
            first = false;
            if (c == '\uFEFF') {
                c = read();
            }
        }
        while (c == '\n' || c == '\r') {
            endLine(c);
            blankLines++;
            c = read();
        }
        if (c == EOF) {
            return null;
        }
        recordLine = line;
        List<String> fields = new ArrayList<>();
        while (true) {
            if (c == '"') {
                long started = line;
                text.setLength(0);
                while (true) {
                    if (pushedBack == Integer.MIN_VALUE && position < limit) {
                        // fast path: copy up to the next quote or line break in one go
                        int start = position;
                        while (position < limit) {
                            char d = buffer[position];
                            if (d == '"' || d == '\n' || d == '\r') {
                                break;
                            }
                            position++;
                        }
                        text.append(buffer, start, position - start);
                    }
                    c = read();
                    if (c == EOF) {
                        throw new UploadException(started, fields.size() + 1, "a quoted field is not closed before the end of the file");
                    }
                    if (c == '"') {
                        c = read();
                        if (c == '"') {
                            text.append('"');
                            continue;
                        }
                        break;
                    }
                    text.append((char) c);
                    if (c == '\r') {
                        int d = read();
                        if (d == '\n') {
                            text.append('\n');
                        } else {
                            unread(d);
                        }
                        line++;
                    } else if (c == '\n') {
                        line++;
                    }
                }
                if (c != delimiter && c != '\n' && c != '\r' && c != EOF) {
                    throw new UploadException(line, fields.size() + 1, "text after a closing quote (a quote inside a quoted field is written twice)");
                }
                fields.add(text.toString());
            } else {
                String value = unquoted(c);
                fields.add(value.equals(nullMarker) ? null : value);
                c = read();
            }
            if (c == delimiter) {
                c = read();
                continue;
            }
            endLine(c);
            return fields.toArray(new String[0]);
        }
    }

    /** Reads an unquoted field starting with {@code c}, leaving the character after it to be read next. */
    private String unquoted(int c) throws IOException {
        if (c == delimiter || c == '\n' || c == '\r' || c == EOF) {
            unread(c);
            return "";
        }
        if (pushedBack == Integer.MIN_VALUE && position > 0) {
            // fastest path: the field ends inside the buffer it starts in (c is buffer[position - 1]): one copy, no builder
            int start = position - 1;
            long quotes = c == '"' ? 1 : 0;
            for (int p = position; p < limit; p++) {
                char d = buffer[p];
                if (d == delimiter || d == '\n' || d == '\r') {
                    position = p;
                    strayQuotes += quotes;
                    return new String(buffer, start, p - start);
                }
                if (d == '"') {
                    quotes++;
                }
            }
        }
        text.setLength(0);
        text.append((char) c);
        while (true) {
            if (pushedBack == Integer.MIN_VALUE && position < limit) {
                // fast path: scan the buffer for the end of the field
                int start = position;
                while (position < limit) {
                    char d = buffer[position];
                    if (d == delimiter || d == '\n' || d == '\r') {
                        text.append(buffer, start, position - start);
                        return text.toString();
                    }
                    if (d == '"') {
                        strayQuotes++;
                    }
                    position++;
                }
                text.append(buffer, start, position - start);
            }
            int d = read();
            if (d == delimiter || d == '\n' || d == '\r' || d == EOF) {
                unread(d);
                return text.toString();
            }
            if (d == '"') {
                strayQuotes++;
            }
            text.append((char) d);
        }
    }

    private void endLine(int c) throws IOException {
        if (c == '\r') {
            int d = read();
            if (d != '\n') {
                unread(d);
            }
            line++;
        } else if (c == '\n') {
            line++;
        }
    }

    private int read() throws IOException {
        if (pushedBack != Integer.MIN_VALUE) {
            int c = pushedBack;
            pushedBack = Integer.MIN_VALUE;
            return c;
        }
        if (position >= limit) {
            limit = in.read(buffer, 0, buffer.length);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return EOF;
            }
        }
        return buffer[position++];
    }

    private void unread(int c) {
        pushedBack = c;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
