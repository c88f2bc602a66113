package dev.dbspec.dialects;

import static java.util.Objects.requireNonNull;

/**
 * One statement of an analysed script: its span, its token range, its classification, and its parse
 * facts, computed on first use and remembered (a parse failure too). Thread-safe.
 */
final class AnalyzedStatement {
    private final Statement statement;
    private final int fromToken;
    private final int toToken;
    private final Classification classification;
    private volatile Object factsOrError;

    AnalyzedStatement(Statement statement, int fromToken, int toToken, Classification classification) {
        this.statement = requireNonNull(statement, "statement is null");
        this.fromToken = fromToken;
        this.toToken = toToken;
        this.classification = requireNonNull(classification, "classification is null");
    }

    Statement statement() {
        return statement;
    }

    int fromToken() {
        return fromToken;
    }

    int toToken() {
        return toToken;
    }

    StatementKind kind() {
        return classification.kind();
    }

    Classification classification() {
        return classification;
    }

    /**
     * @throws SqlParseException      when the statement cannot be parsed
     * @throws SqlTooComplexException when it is too complex to parse or to walk (the stack ran out)
     */
    StatementFacts facts(Tokens tokens, StatementAnalyzer analyzer) {
        Object result = factsOrError;
        if (result == null) {
            try {
                result = analyzer.facts(tokens, fromToken, toToken, classification);
            } catch (SqlParseException | SqlTooComplexException e) {
                result = e;
            } catch (StackOverflowError e) {
                // In a walk of a deep tree (a long chain of set operations, for example) rather than in the parser.
                result = analyzer.stackExhausted();
            }
            factsOrError = result;
        }
        if (result instanceof SqlParseException e) {
            throw new SqlParseException(e.engineId(), e.line(), e.column(), e.token(), e.reason());
        }
        if (result instanceof SqlTooComplexException e) {
            throw new SqlTooComplexException(e.engineId(), e.limit(), e.value(), e.maximum(), e.where());
        }
        return (StatementFacts) result;
    }
}
