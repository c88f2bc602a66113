package dev.dbspec.dialects;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * A script's tokens and statements. Statements are split at {@code ;} tokens, so separators inside
 * strings, quoted names, comments and dollar-quoted bodies never split; empty and comment-only pieces
 * are not statements, and comments after the last {@code ;} stay with the last statement.
 */
final class ScriptAnalysis {
    private final Tokens tokens;
    private final List<AnalyzedStatement> statements;

    private ScriptAnalysis(Tokens tokens, List<AnalyzedStatement> statements) {
        this.tokens = tokens;
        this.statements = List.copyOf(statements);
    }

    static ScriptAnalysis of(String script, SqlLexer lexer, StatementClassifier classifier) {
        requireNonNull(script, "script is null");
        Tokens tokens = lexer.tokenize(script);
        List<AnalyzedStatement> statements = new ArrayList<>();
        int segmentStart = 0;
        for (int i = 0; i <= tokens.size(); i++) {
            if (i < tokens.size() && tokens.type(i) != TokenType.SEMICOLON) {
                continue;
            }
            int code = tokens.nextCode(segmentStart, i);
            if (code < i) {
                statements.add(statement(script, tokens, classifier, segmentStart, i));
            } else if (segmentStart < i && i == tokens.size() && !statements.isEmpty()) {
                AnalyzedStatement previous = statements.remove(statements.size() - 1);
                int from = tokens.indexAt(previous.statement().start());
                statements.add(statement(script, tokens, classifier, from, i));
            }
            segmentStart = i + 1;
        }
        return new ScriptAnalysis(tokens, statements);
    }

    private static AnalyzedStatement statement(String script, Tokens tokens, StatementClassifier classifier, int from, int to) {
        int start = tokens.get(from).start();
        int end = tokens.get(to - 1).end();
        Statement statement = new Statement(script.substring(start, end), start, end);
        return new AnalyzedStatement(statement, from, to, classifier.classify(tokens, from, to));
    }

    Tokens tokens() {
        return tokens;
    }

    List<AnalyzedStatement> statements() {
        return statements;
    }
}
