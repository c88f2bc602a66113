package dev.dbspec.dialects;

/** Lexical classes the pipeline distinguishes. */
enum TokenType {
    /** Unquoted identifier or keyword. */
    WORD,
    /** Quoted identifier, quotes included. */
    QUOTED_ID,
    /** String literal, quotes and any prefix ({@code E}, {@code N}, {@code X}) included; also dollar-quoted bodies. */
    STRING,
    NUMBER,
    LPAREN,
    RPAREN,
    COMMA,
    DOT,
    SEMICOLON,
    /** Any other operator or punctuation character. */
    SYMBOL,
    LINE_COMMENT,
    BLOCK_COMMENT;

    boolean isComment() {
        return this == LINE_COMMENT || this == BLOCK_COMMENT;
    }
}
