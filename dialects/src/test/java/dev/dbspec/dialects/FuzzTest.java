package dev.dbspec.dialects;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Random mutations of corpus statements (truncation, inserted quotes, comment openers, keywords,
 * semicolons, parentheses) produce either a correct result or the typed {@link SqlParseException} —
 * never another exception, never a hang (each input must finish within {@link #PER_INPUT}). A limited
 * result must read back as the limit asked for. Seeded: failures reproduce.
 */
class FuzzTest {
    private static final Duration PER_INPUT = Duration.ofSeconds(5);
    private static final int MUTANTS = 1500;
    private static final String[] INSERTS = {"'", "\"", "`", "[", "]", "--", "/*", "*/", "$$", ";", "(", ")", " LIMIT ",
            " SELECT ", " TOP 5 ", " WITH ", " FOR UPDATE ", " UNION ", " LIMIT 3 BY a ", " OFFSET 2 ", " 99999999999999999999 ",
            "\n", " ORDER BY 1 ", ",", ".", " INSERT ", " FETCH FIRST 2 ROWS ONLY ", "\\", "E'", "::", " SEL "};
    private static final List<DialectConfig> CONFIGS = List.of(TestDialects.POSTGRESQL, TestDialects.MYSQL, TestDialects.MSSQL,
            TestDialects.TERADATA, TestDialects.ORACLE_11, TestDialects.CLICKHOUSE, TestDialects.BASE, TestDialects.HIVE);

    @Test
    void mutantsGiveAResultOrTheTypedError() throws Exception {
        List<String> seeds = new ArrayList<>();
        for (Map.Entry<?, String> entry : Corpus.tpcStatements()) {
            seeds.add(entry.getValue());
        }
        seeds.addAll(List.of("SELECT * FROM t LIMIT 10", "with x as (select 1) select * from x -- c",
                "SELECT DISTINCT TOP 5 a FROM t", "select * from t where rownum <= 3", "select 'a;b' from t; select 2"));
        Random random = new Random(20240530L);
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "fuzz");
            thread.setDaemon(true);
            return thread;
        });
        List<String> failures = new ArrayList<>();
        int typedErrors = 0;
        try {
            for (int n = 0; n < MUTANTS; n++) {
                String mutant = mutate(seeds.get(random.nextInt(seeds.size())), random);
                DialectConfig config = CONFIGS.get(random.nextInt(CONFIGS.size()));
                Future<Boolean> run = executor.submit(() -> exercise(config, mutant));
                try {
                    typedErrors += run.get(PER_INPUT.toMillis(), TimeUnit.MILLISECONDS) ? 0 : 1;
                } catch (TimeoutException e) {
                    run.cancel(true);
                    failures.add("timeout on " + config.engineId() + ": " + mutant);
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add(config.engineId() + ": " + e.getCause() + " on: " + mutant);
                }
            }
        } finally {
            executor.shutdownNow();
        }
        System.out.println("fuzz: " + MUTANTS + " mutants, " + typedErrors + " typed parse errors");
        assertThat(failures).isEmpty();
    }

    /** Runs every pipeline operation; true when all succeeded, false when one raised the typed error. */
    private static boolean exercise(DialectConfig config, String sql) {
        SqlPipeline pipeline = new SqlPipeline(config, ParseCache.create(0));
        try {
            pipeline.split(sql);
            pipeline.classify(sql);
            pipeline.isReadOnly(sql);
            pipeline.getLimit(sql);
            LimitedSql limited = pipeline.applyLimit(sql, 5, false);
            if (limited.outcome() == LimitedSql.Outcome.LIMITED) {
                OptionalLong readBack = pipeline.getLimit(limited.sql());
                if (!readBack.equals(OptionalLong.of(5))) {
                    throw new AssertionError("limited SQL reads back as " + readBack + ": " + limited.sql());
                }
            }
            pipeline.tables(sql);
            return true;
        } catch (SqlParseException e) {
            if (e.line() < 1 || e.column() < 1 || e.engineId().isEmpty()) {
                throw new AssertionError("bad position in " + e.getMessage());
            }
            return false;
        }
    }

    private static String mutate(String seed, Random random) {
        String text = seed;
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits; i++) {
            int at = random.nextInt(text.length() + 1);
            switch (random.nextInt(4)) {
                case 0 -> text = text.substring(0, at);
                case 1 -> text = text.substring(0, at) + INSERTS[random.nextInt(INSERTS.length)] + text.substring(at);
                case 2 -> {
                    int end = Math.min(text.length(), at + random.nextInt(20));
                    text = text.substring(0, at) + text.substring(end);
                }
                default -> text = text.substring(0, at) + INSERTS[random.nextInt(INSERTS.length)] + INSERTS[random.nextInt(INSERTS.length)]
                        + text.substring(at);
            }
        }
        return text;
    }
}
