package dev.dbspec.plugin.sybase;

import dev.dbspec.api.DriverArtifact;
import dev.dbspec.plugin.family.TsqlFamilySpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/**
 * SAP (Sybase) ASE through jTDS, spec only; grains, {@code TOP n} and errors from {@link TsqlFamilySpec},
 * with {@code BIGDATETIME}/{@code BIGTIME} literals (ASE 15.5+). jConnect URLs ({@code jdbc:sybase:Tds:})
 * are accepted and handed to jTDS, the driver published on Maven Central.
 */
@Extension
public final class SybaseEngineSpec extends TsqlFamilySpec {
    private static final String JCONNECT = "jdbc:sybase:Tds:";
    private static final String JTDS = "jdbc:jtds:sybase:";
    /** {@code host:port[/database][?options]} after the jConnect prefix. */
    private static final Pattern JCONNECT_URL = Pattern.compile("(?i)jdbc:sybase:Tds:([^/?]+)(/[^?]*)?(?:\\?(.*))?");

    @Override
    public String id() {
        return "sybase";
    }

    @Override
    public String displayName() {
        return "Sybase ASE";
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of(JCONNECT, JTDS);
    }

    @Override
    public String urlTemplate() {
        return "jdbc:jtds:sybase://{host}:{port}/{database}";
    }

    @Override
    public OptionalInt defaultPort() {
        return OptionalInt.of(5000);
    }

    /** jConnect's {@code host:port/db?a=1&b=2} becomes jTDS's {@code //host:port/db;a=1;b=2}. */
    @Override
    public String driverUrl(String jdbcUrl) {
        Matcher m = JCONNECT_URL.matcher(super.driverUrl(jdbcUrl));
        if (!m.matches()) {
            return jdbcUrl;
        }
        String options = m.group(3) == null || m.group(3).isEmpty() ? "" : ";" + m.group(3).replace('&', ';');
        return JTDS + "//" + m.group(1) + (m.group(2) == null ? "" : m.group(2)) + options;
    }

    @Override
    public String driverClassName() {
        return "net.sourceforge.jtds.jdbc.Driver";
    }

    @Override
    public Optional<DriverArtifact> driverArtifact() {
        return Optional.of(new DriverArtifact("net.sourceforge.jtds:jtds:1.3.1", "LGPL-2.1-or-later", false));
    }

    @Override
    protected String timestampType() {
        return "BIGDATETIME";
    }

    @Override
    protected String timeType() {
        return "BIGTIME";
    }

    @Override
    public Map<String, String> forbiddenUrlOptions() {
        return Map.of("logfile", "makes jTDS write a log file to the server's local file system");
    }

    /** ASE 15.0 raised identifiers to 255 bytes. */
    @Override
    public OptionalInt maxColumnNameLength() {
        return OptionalInt.of(255);
    }
}
