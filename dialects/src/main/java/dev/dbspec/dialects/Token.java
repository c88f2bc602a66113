package dev.dbspec.dialects;

/** One lexical token: its class and its {@code [start, end)} span in the script. */
record Token(TokenType type, int start, int end) {
    boolean isComment() {
        return type.isComment();
    }
}
