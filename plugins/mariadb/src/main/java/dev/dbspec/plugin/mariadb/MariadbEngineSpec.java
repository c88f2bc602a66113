package dev.dbspec.plugin.mariadb;

import dev.dbspec.api.DriverArtifact;
import dev.dbspec.api.ReadOnlyMode;
import dev.dbspec.plugin.family.MysqlFamilySpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/** MariaDB through MariaDB Connector/J; grains, literals, errors and types from {@link MysqlFamilySpec}. */
@Extension
public final class MariadbEngineSpec extends MysqlFamilySpec {
    @Override
    public String id() {
        return "mariadb";
    }

    @Override
    public String displayName() {
        return "MariaDB";
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of("jdbc:mariadb:");
    }

    @Override
    public String urlTemplate() {
        return "jdbc:mariadb://{host}:{port}/{database}";
    }

    @Override
    public String driverClassName() {
        return "org.mariadb.jdbc.Driver";
    }

    @Override
    public Optional<DriverArtifact> driverArtifact() {
        return Optional.of(new DriverArtifact("org.mariadb.jdbc:mariadb-java-client:3.5.6", "LGPL-2.1-or-later", true));
    }

    /**
     * Note that Connector/J 3.x allows LOAD DATA LOCAL INFILE unless told otherwise: refusing the
     * option only stops a URL from naming it, the host must pass {@code allowLocalInfile=false}.
     */
    /** Connector/J 3.x allows LOAD DATA LOCAL INFILE unless told otherwise. */
    @Override
    public Map<String, String> enforcedConnectionProperties() {
        return Map.of("allowLocalInfile", "false");
    }

    @Override
    public Map<String, String> forbiddenUrlOptions() {
        String readsFile = "reads a local file named in the URL";
        return Map.of(
                "allowlocalinfile", "lets LOAD DATA LOCAL INFILE read local files",
                "socketfactory", "makes the driver instantiate a class named in the URL",
                "credentialtype", "takes credentials from the host's environment, system properties or cloud identity",
                "serversslcert", readsFile,
                "keystore", readsFile,
                "truststore", readsFile,
                "serverrsapublickeyfile", readsFile);
    }

    /** A read-only transaction started by SQL, which the server enforces ({@link #READ_ONLY_TRANSACTION}). */
    @Override
    public ReadOnlyMode readOnlyMode(String jdbcUrl) {
        return READ_ONLY_TRANSACTION;
    }
}
