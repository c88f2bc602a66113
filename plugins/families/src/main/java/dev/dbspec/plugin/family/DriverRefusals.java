package dev.dbspec.plugin.family;

/**
 * Reasons for refusing a connection option that several plugins' drivers share, worded once so that every engine refusing
 * the same risk says the same thing (the SPI's {@code ConnectionOptions.Builder} has the most common ones as methods, such
 * as {@code refuseClassFromUrl}). Each is used as {@code .refuse(DriverRefusals.X, names...)}.
 */
public final class DriverRefusals {
    /** MySQL protocol drivers: {@code LOAD DATA LOCAL INFILE} reads a file of the host and sends it to the server. */
    public static final String LOCAL_INFILE = "lets LOAD DATA LOCAL INFILE read the host's files";
    /** MySQL protocol drivers: several statements in one text would pass the host's per-statement checks. */
    public static final String MULTI_STATEMENTS = "lets one statement text run several statements, past the host's per-statement checks";
    /** MySQL protocol drivers: {@code sessionVariables}, SQL written from URL text. */
    public static final String SESSION_VARIABLES = "runs a SET statement built from URL text on every connect";
    /** MySQL protocol drivers: {@code createDatabaseIfNotExist}. */
    public static final String CREATE_DATABASE = "creates a database when connecting";
    /** MySQL protocol drivers: {@code fallbackToSystemKeyStore}. */
    public static final String SYSTEM_KEY_STORE = "uses the host's own client certificate from its system key store";
    /** A local address to bind the connection's socket to ({@code localSocketAddress}). */
    public static final String LOCAL_SOCKET_ADDRESS = "binds the connection to a network interface of the host";
    /** A client certificate or key file on the host. */
    public static final String LOCAL_CLIENT_CERTIFICATE = "reads a client certificate or key from the local file system, authenticating as this host";
    /** A client key store on the host, worded for drivers that read it from this server. */
    public static final String SERVER_KEY_STORE = "reads a client key store from this server, authenticating as this host";
    /** A {@code LogLevel} that writes log files to the working directory when {@code LogPath} (refused) is not given. */
    public static final String LOG_LEVEL_IN_WORKING_DIRECTORY = "switches on driver log files, written to the working directory when LogPath is not given";
    /** {@code LogPath} and {@code LogLevel} refused together (the Athena and BigQuery drivers). */
    public static final String LOG_FILES = "makes the driver write log files to the server's local file system";
    /** Values handed to a class the URL names (a socket factory's argument), refused with the class option itself. */
    public static final String CLASS_ARGUMENTS = "passes URL values to a class named in the URL";
    /** An OAuth browser sign-in that listens on a port of this host for the redirect. */
    public static final String BROWSER_LISTENER = "opens a listener port on this host for browser sign-in";

    private DriverRefusals() {
    }
}
