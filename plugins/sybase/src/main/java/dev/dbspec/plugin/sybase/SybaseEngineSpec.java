package dev.dbspec.plugin.sybase;

import dev.dbspec.api.DriverArtifact;
import dev.dbspec.plugin.family.JtdsOptions;
import dev.dbspec.plugin.family.TsqlFamilySpec;
import java.util.Map;
import java.util.Properties;
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

    /** The options jTDS reads: those of the URL it is given ({@link #driverUrl}, jConnect's form rewritten), strictly. */
    @Override
    public Map<String, String> driverOptions(String jdbcUrl, Properties properties) {
        return JtdsOptions.OPTIONS.parseStrictly(id(), driverUrl(jdbcUrl), properties);
    }

    public SybaseEngineSpec() {
        super(facts("sybase", "Sybase ASE", "BIGDATETIME", "BIGTIME")
                .url("jdbc:jtds:sybase://{host}:{port}/{database}", JCONNECT, JTDS)
                .port(5000)
                .driver("net.sourceforge.jtds.jdbc.Driver", new DriverArtifact("net.sourceforge.jtds:jtds:1.3.1", "LGPL-2.1-or-later", false))
                // jTDS 1.3.1's connection properties ({@code Driver.getPropertyInfo}); jTDS reads names in any case.
                .options(JtdsOptions.OPTIONS)
                // ASE 15.0 raised identifiers to 255 bytes.
                .maxColumnNameLength(255)
                .build());
    }
}
