package dev.dbspec.plugin.tidb;

import dev.dbspec.api.Capability;
import dev.dbspec.plugin.family.MysqlFamilySpec;
import dev.dbspec.plugin.family.MysqlWireFamilySpec;
import org.pf4j.Extension;

/**
 * TiDB over the MySQL protocol with MySQL Connector/J (not bundled), under its own {@code jdbc:tidb:} prefix; port
 * 4000. Grains, literals ({@code STR_TO_DATE} with {@code %f}, TIME literals) and errors from {@link MysqlFamilySpec}:
 * TiDB's date functions ({@code DATE_ADD}, {@code DATE_SUB}, {@code DAYOFWEEK}, {@code WEEKDAY}, {@code MAKEDATE},
 * {@code QUARTER}) and DATETIME(6) are MySQL's (docs.pingcap.com/tidb/stable/date-and-time-functions and
 * /date-and-time-types).
 *
 * <p>Cancellation is not claimed: before TiDB 6.1 (or with {@code enable-global-kill} off) Connector/J's
 * {@code KILL QUERY} reaches whichever TiDB server the load balancer picks, which may end another session's query.
 */
@Extension
public final class TidbEngineSpec extends MysqlWireFamilySpec {
    public TidbEngineSpec() {
        super(facts("tidb", "TiDB", "jdbc:tidb:")
                .port(4000)
                .withoutCapabilities(Capability.CANCEL)
                .build());
    }
}
