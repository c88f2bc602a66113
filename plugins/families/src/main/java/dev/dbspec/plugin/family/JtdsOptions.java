package dev.dbspec.plugin.family;

import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.OptionRule;

/**
 * jTDS's options for the Sybase servers it reaches over TDS (ASE, SAP IQ, SQL Anywhere), {@code ;name=value} after
 * {@code jdbc:jtds:sybase://host:port/db}: allowed with a rule, or refused with the reason (log files, buffer
 * directories, named pipes and SMB, Windows and Kerberos sign-in as this host). Shared by the plugins that hand their
 * URLs to jTDS.
 */
public final class JtdsOptions {
    /** jTDS 1.3's documented URL properties. */
    public static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.SEMICOLON)
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

    private JtdsOptions() {
    }
}
