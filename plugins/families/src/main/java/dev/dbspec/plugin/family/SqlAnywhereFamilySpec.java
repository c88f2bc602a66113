package dev.dbspec.plugin.family;

import dev.dbspec.api.Capability;
import dev.dbspec.api.DriverArtifact;
import dev.dbspec.api.EngineFacts;
import java.util.Map;
import java.util.Properties;

/**
 * SAP's SQL Anywhere SQL (SQL Anywhere itself, and SAP IQ, whose catalog and SQL are SQL Anywhere's) reached over TDS
 * through jTDS (not bundled), under a JDBC prefix of the engine's own handed to jTDS as {@code jdbc:jtds:sybase:}; port
 * 2638. SQL Anywhere's Transact-SQL compatibility gives the T-SQL family's facts: {@code DATEADD}/{@code DATEDIFF} with
 * the same dateparts, {@code TOP n}, bracketed identifiers, casts from unseparated {@code yyyymmdd} strings
 * (help.sap.com, "SQL Anywhere SQL Reference": DATEADD, DATEDIFF, "Transact-SQL compatibility", "Date and time data
 * types"). Its {@code DATETIME} is a {@code TIMESTAMP} with microseconds.
 *
 * <p>Cancellation is not claimed: jTDS's cancel is unverified against these servers.
 */
public abstract class SqlAnywhereFamilySpec extends TsqlFamilySpec {
    private static final String JTDS_PREFIX = "jdbc:jtds:sybase:";

    protected SqlAnywhereFamilySpec(EngineFacts facts) {
        super(facts);
    }

    /** The family's facts served under {@code ownPrefix} (for example {@code jdbc:sapiq:}) through jTDS. */
    public static EngineFacts.Builder facts(String id, String displayName, String ownPrefix) {
        return facts(id, displayName, "DATETIME", "TIME")
                .url(new PrefixRewrite(ownPrefix, JTDS_PREFIX).urlTemplate("//{host}:{port}/{database}"), ownPrefix)
                .port(2638)
                .driver("net.sourceforge.jtds.jdbc.Driver", new DriverArtifact("net.sourceforge.jtds:jtds:1.3.1", "LGPL-2.1-or-later", false))
                .options(JtdsOptions.OPTIONS)
                .withoutCapabilities(Capability.CANCEL);
    }

    @Override
    public String driverUrl(String jdbcUrl) {
        return new PrefixRewrite(urlPrefixes().get(0), JTDS_PREFIX).driverUrl(jdbcUrl);
    }

    /** The options jTDS reads from the URL it is given, strictly. */
    @Override
    public Map<String, String> driverOptions(String jdbcUrl, Properties properties) {
        return JtdsOptions.OPTIONS.parseStrictly(id(), driverUrl(jdbcUrl), properties);
    }
}
