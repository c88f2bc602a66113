package dev.dbspec.plugin.singlestore;

import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.TimeGrains;
import dev.dbspec.plugin.family.MysqlFamilySpec;
import dev.dbspec.plugin.family.MysqlWireFamilySpec;
import java.util.Locale;
import java.util.Map;
import org.pf4j.Extension;

/**
 * SingleStore (formerly MemSQL) over the MySQL protocol with MySQL Connector/J (not bundled; SingleStore's own
 * {@code com.singlestore:singlestore-jdbc-client} is a MariaDB Connector/J fork with other options), under its own
 * {@code jdbc:singlestore:} prefix; port 3306. Facts from docs.singlestore.com (SQL reference, date and time functions).
 *
 * <p>Calendar units come from {@code DATE_TRUNC}, which SingleStore documents for second to year with weeks starting
 * on Monday; the stepped and Sunday-based weeks are {@link MysqlFamilySpec}'s day arithmetic ({@code DATE_ADD},
 * {@code WEEKDAY}, both documented). Literals are casts to DATETIME(6) (microseconds): SingleStore's
 * {@code STR_TO_DATE} is not documented to read {@code %f}, and the TIME literal is left out.
 */
@Extension
public final class SinglestoreEngineSpec extends MysqlWireFamilySpec {
    private static final Map<TimeGrain, String> GRAINS = grains();

    private static Map<TimeGrain, String> grains() {
        TimeGrains.Builder grains = TimeGrains.builder();
        MysqlFamilySpec.GRAINS.forEach((grain, template) -> {
            if (TimeGrains.canonical(grain) == grain) {
                grains.grain(grain, template);
            }
        });
        return grains.truncate((unit, value) -> "DATE_TRUNC('" + unit.name().toLowerCase(Locale.ROOT) + "', " + value + ")").build();
    }

    public SinglestoreEngineSpec() {
        super(facts("singlestore", "SingleStore", "jdbc:singlestore:")
                .aliases("memsql")
                .grains(GRAINS)
                .literals(castLiterals("DATETIME(6)"))
                .build());
    }
}
