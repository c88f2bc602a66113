package dev.dbspec.plugin.sybase;

import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.DriverArtifact;
import dev.dbspec.api.OptionRule;
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

    private static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.SEMICOLON)
            .allow(OptionRule.text(128), "appName", "progName", "wsid")
            .allow(OptionRule.text(32), "charset", "language")
            .allow("tds", OptionRule.oneOf("4.2", "5.0", "7.0", "7.1", "8.0"))
            // request and require encrypt without checking the certificate; authenticate checks it. All beat off.
            .allow("ssl", OptionRule.oneOf("off", "request", "require", "authenticate"))
            .allow("loginTimeout", OptionRule.integer(0, 600))
            .allow("socketTimeout", OptionRule.integer(0, 86_400))
            .allow("packetSize", OptionRule.integer(0, 65_536))
            .allow("batchSize", OptionRule.integer(0, 100_000))
            .allow("maxStatements", OptionRule.integer(0, 10_000))
            .allow("prepareSQL", OptionRule.oneOf("0", "1", "2", "3"))
            .allow("lobBuffer", OptionRule.integer(0, 1L << 30))
            .allow("bufferMaxMemory", OptionRule.integer(0, 1 << 20))
            .allow("bufferMinPackets", OptionRule.integer(1, 1_000))
            .allow(OptionRule.bool(), "socketKeepAlive", "tcpNoDelay", "lastUpdateCount", "sendStringParametersAsUnicode",
                    "useCursors", "useLOBs", "cacheMetaData")
            .refuse("makes jTDS write a log file to the server's local file system", "logfile")
            .refuse("makes jTDS buffer result data in files of a local directory it names", "bufferDir")
            .refuse("connects through a local named pipe or an SMB share instead of TCP", "namedPipe", "useJCIFS")
            .refuse("signs in with Windows or Kerberos authentication, with the server host's own credentials when no user is"
                    + " given", "domain", "useNTLMv2", "useKerberos")
            .build();

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
        return OPTIONS.parseStrictly(id(), driverUrl(jdbcUrl), properties);
    }

    public SybaseEngineSpec() {
        super(facts("sybase", "Sybase ASE", "BIGDATETIME", "BIGTIME")
                .url("jdbc:jtds:sybase://{host}:{port}/{database}", JCONNECT, JTDS)
                .port(5000)
                .driver("net.sourceforge.jtds.jdbc.Driver", new DriverArtifact("net.sourceforge.jtds:jtds:1.3.1", "LGPL-2.1-or-later", false))
                // jTDS 1.3.1's connection properties ({@code Driver.getPropertyInfo}); jTDS reads names in any case.
                .options(OPTIONS)
                // ASE 15.0 raised identifiers to 255 bytes.
                .maxColumnNameLength(255)
                .build());
    }
}
