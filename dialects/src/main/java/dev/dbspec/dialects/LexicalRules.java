package dev.dbspec.dialects;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * How one SQL family writes the lexical elements the pipeline must step over: which characters quote
 * identifiers, whether double quotes delimit strings, whether strings use backslash escapes, and which
 * comment and dollar-quote forms exist.
 *
 * @param identifierQuotes   opening/closing pairs that quote identifiers, for example {@code ""}, {@code ``}, {@code []}
 * @param doubleQuotedStrings {@code "..."} is a string literal (MySQL, Hive, BigQuery)
 * @param backslashEscapes   {@code \'} escapes a quote inside string literals
 * @param hashComments       {@code #} starts a line comment (MySQL, BigQuery)
 * @param nestedComments     block comments nest (PostgreSQL)
 * @param dollarQuotes       {@code $tag$...$tag$} strings (PostgreSQL, Snowflake)
 * @param hashIdentifiers    {@code #name} is an identifier (SQL Server temporary tables)
 * @param alternativeQuotes  Oracle's {@code q'[...]'} strings, delimited by a character of the user's choice
 * @param slashComments      {@code //} starts a line comment (H2)
 * @param escapeStrings      {@code E'...'} strings take backslash escapes (PostgreSQL)
 * @param executableComments {@code /*! ... *}{@code /} and {@code /*M! ... *}{@code /} hold code, not a comment (MySQL, MariaDB);
 *                           there {@code --} starts a comment only before white space ({@code 7--1} is 7 minus -1)
 */
record LexicalRules(
        List<String> identifierQuotes,
        boolean doubleQuotedStrings,
        boolean backslashEscapes,
        boolean hashComments,
        boolean nestedComments,
        boolean dollarQuotes,
        boolean hashIdentifiers,
        boolean alternativeQuotes,
        boolean slashComments,
        boolean escapeStrings,
        boolean executableComments) {

    LexicalRules {
        identifierQuotes = List.copyOf(requireNonNull(identifierQuotes, "identifierQuotes is null"));
        for (String pair : identifierQuotes) {
            if (pair.length() != 2) {
                throw new IllegalArgumentException("quote pair must have two characters: " + pair);
            }
        }
    }

    LexicalRules(List<String> identifierQuotes, boolean doubleQuotedStrings, boolean backslashEscapes, boolean hashComments,
            boolean nestedComments, boolean dollarQuotes, boolean hashIdentifiers) {
        this(identifierQuotes, doubleQuotedStrings, backslashEscapes, hashComments, nestedComments, dollarQuotes, hashIdentifiers, false, false, false, false);
    }

    /** The closing quote for {@code open}, or 0 when {@code open} does not quote identifiers. */
    char identifierClose(char open) {
        for (String pair : identifierQuotes) {
            if (pair.charAt(0) == open) {
                return pair.charAt(1);
            }
        }
        return 0;
    }
}
