package dev.dbspec.host.cli;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.host.DbspecHost;
import dev.dbspec.host.DriverStatus;
import dev.dbspec.host.EngineEntry;
import dev.dbspec.host.drivers.DriverInstaller;
import dev.dbspec.host.plugins.PluginLayout;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Why {@code test-db} could not connect, as one line naming the cause and the fix. A missing driver and a
 * TLS failure are recognised from the exception chain (the spec's error categories have no such kind);
 * everything else is categorised by the spec's {@link EngineSpec#classifyError}.
 */
final class ConnectFailure {
    private ConnectFailure() {
    }

    /** The kinds of failure a user can fix differently. */
    enum Kind {
        DRIVER_MISSING, TLS, BAD_CREDENTIALS, PERMISSION, UNKNOWN_DATABASE, UNREACHABLE_HOST, TIMEOUT, OTHER
    }

    /**
     * TLS failures in the drivers' own words (pgjdbc "The server does not support SSL", MariaDB "Trying to connect
     * with ssl, but ssl not enabled in the server"); "SSL off" in a pg_hba refusal is not one.
     */
    private static final java.util.regex.Pattern TLS_WORDING = java.util.regex.Pattern.compile(
            "ssl handshake|ssl error|ssl connection|does not support ssl|ssl not enabled|tls handshake|certificate|pkix");

    static Kind kind(EngineSpec spec, SQLException error) {
        requireNonNull(spec, "spec is null");
        requireNonNull(error, "error is null");
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ClassNotFoundException || t instanceof NoClassDefFoundError) {
                return Kind.DRIVER_MISSING;
            }
            if (t instanceof javax.net.ssl.SSLException) {
                return Kind.TLS;
            }
            // a refused TCP connection or an unknown host name, whatever the driver wraps it in
            if ((t instanceof java.net.ConnectException && !String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT).contains("timed out"))
                    || t instanceof java.net.UnknownHostException
                    || t instanceof java.net.NoRouteToHostException) {
                return Kind.UNREACHABLE_HOST;
            }
            // pgjdbc reports a login timeout as 08001 "Connection attempt timed out", which the standard
            // patterns read as an unreachable host: the server answered the TCP connect, so it is not.
            if (t instanceof java.net.SocketTimeoutException || t instanceof java.sql.SQLTimeoutException
                    || String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT).contains("timed out")) {
                return Kind.TIMEOUT;
            }
        }
        String message = String.valueOf(error.getMessage()).toLowerCase(Locale.ROOT);
        // Drivers that wrap TLS failures in their own exception (MariaDB, pgjdbc's "The server does not support SSL").
        if (TLS_WORDING.matcher(message).find()) {
            return Kind.TLS;
        }
        ErrorCategory category;
        try {
            category = DbspecHost.withContextClassLoader(spec.getClass().getClassLoader(), () -> spec.classifyError(error));
        } catch (Exception e) {
            category = ErrorCategory.OTHER;
        }
        return switch (category) {
            case BAD_CREDENTIALS -> Kind.BAD_CREDENTIALS;
            case PERMISSION -> Kind.PERMISSION;
            case UNKNOWN_DATABASE -> Kind.UNKNOWN_DATABASE;
            case UNREACHABLE_HOST -> Kind.UNREACHABLE_HOST;
            case TIMEOUT, CANCELLED -> Kind.TIMEOUT;
            default -> Kind.OTHER;
        };
    }

    /** One line: the cause, the fix, and the driver's message. */
    static String fix(EngineSpec spec, EngineEntry entry, SQLException error, Path pluginsDir) {
        String driverMessage = String.valueOf(error.getMessage()).lines().findFirst().orElse("");
        String fix = switch (kind(spec, error)) {
            case BAD_CREDENTIALS -> "cannot connect: bad credentials; check the user and the password; the password comes from"
                    + " --password-env VAR";
            case PERMISSION -> "cannot connect: the user may not use this database; check the user's grants";
            case UNKNOWN_DATABASE -> "cannot connect: the database does not exist; check the database name in the URL";
            case UNREACHABLE_HOST -> "cannot connect: the host is unreachable; check the host and the port in the URL, that the"
                    + " server is running, and that no firewall is in the way";
            case TIMEOUT -> "cannot connect: the connection timed out; check the host and the port, the network and the firewall";
            case TLS -> "cannot connect: the TLS (SSL) handshake failed; check the server's certificate and the URL's TLS options";
            case DRIVER_MISSING -> "cannot connect: driver missing: the JDBC driver " + spec.driverClassName() + " is not installed; "
                    + spec.driverArtifact().map(a -> "run `" + DriverInstaller.installCommand(spec.id()) + "` (fetches " + a.mavenCoordinates()
                            + " from Maven Central) or put its jar in ").orElse("put the driver's jar in ")
                    + driverFolder(entry, pluginsDir);
            case OTHER -> "cannot connect";
        };
        return fix + " (" + driverMessage + ")";
    }

    private static String driverFolder(EngineEntry entry, Path pluginsDir) {
        if (entry.state() == dev.dbspec.host.EngineState.STARTED) {
            var folder = DriverStatus.of(entry).installFolder();
            if (folder.isPresent()) {
                return folder.get();
            }
        }
        return pluginsDir.resolve(entry.plugin()).resolve(PluginLayout.DRIVERS) + "/";
    }
}
