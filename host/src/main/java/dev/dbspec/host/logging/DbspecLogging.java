package dev.dbspec.host.logging;

import static java.util.Objects.requireNonNull;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.pattern.DynamicConverter;
import ch.qos.logback.core.status.NopStatusListener;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * dbspec's logging, set up in code rather than from a {@code logback.xml} (reading XML cost a short command such as
 * {@code dbspec engines} a fifth of its start: an XML parser and logback's configuration model):
 * <ul>
 *   <li>everything goes to stderr, so command output on stdout stays machine-readable;</li>
 *   <li>secrets never reach the logs: libraries log request bodies, URLs and properties at DEBUG, so below INFO only
 *       dbspec's own loggers pass ({@link LibraryDetailFilter}); every message and stack trace is redacted (passwords,
 *       URL credentials, secret options, and every secret value the process knows);</li>
 *   <li>the root level is {@code DBSPEC_LOG_LEVEL} (WARN by default); PF4J's is {@code DBSPEC_PF4J_LOG_LEVEL} (OFF: PF4J
 *       logs plugin failures with stack traces, and dbspec reports them itself as FAILED entries);</li>
 *   <li>Jetty's parser logs every request header at DEBUG, the Authorization bearer token included: never below INFO;</li>
 *   <li>MariaDB Connector/J logs every error packet at WARN before throwing it as an SQLException, which the caller
 *       reports, and Apache MINA SSHD logs a failed session (a host key that does not match) at WARN before failing the
 *       tunnel with the same exception: test-db's deliberate negative checks would print WARN lines on a passing run;
 *       the SSH server of test-db's tunnel check (the only SSH server dbspec starts) logs its closed connections at
 *       WARN.</li>
 * </ul>
 * A variable is read from the logger context's properties, then system properties, then the environment.
 */
public final class DbspecLogging {
    /** The layout of every line: time, level, logger, the redacted message and the redacted stack trace. */
    public static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{36} - %redactedMsg%n%redactedEx";

    /** Loggers held at a fixed level whatever the root level (see the class comment). */
    private static final Map<String, Level> FIXED_LEVELS = Map.of(
            "org.eclipse.jetty.http.HttpParser", Level.INFO,
            "org.mariadb.jdbc.message.server.ErrorPacket", Level.ERROR,
            "org.apache.sshd.client.session.ClientSessionImpl", Level.ERROR,
            // dbspec runs no SSH server of its own: the only one is the kit's, started by test-db's SSH check on loopback,
            // whose sessions and forwarded channels log a reset or broken pipe at WARN when the check's connections close
            "org.apache.sshd.server", Level.ERROR);

    private DbspecLogging() {
    }

    /** Configures {@code context} (already reset or fresh); the console appender is named {@code STDERR}. */
    public static void configure(LoggerContext context) {
        requireNonNull(context, "context is null");
        context.getStatusManager().add(quiet(context));
        LibraryDetailFilter filter = new LibraryDetailFilter();
        filter.setContext(context);
        filter.start();
        context.addTurboFilter(filter);
        registerConverters(context);

        StderrAppender console = new StderrAppender();
        console.setContext(context);
        console.setName("STDERR");
        console.start();

        context.getLogger("org.pf4j").setLevel(level(context, "DBSPEC_PF4J_LOG_LEVEL", Level.OFF));
        FIXED_LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level(context, "DBSPEC_LOG_LEVEL", Level.WARN));
        root.addAppender(console);
    }

    /**
     * Everything to stderr, with {@link #PATTERN}. Its encoder (the pattern's parser, converters, a date formatter and
     * the time zone data) is made at the first event that passes the levels: a short command that logs nothing, as
     * {@code dbspec engines} at the default WARN, never loads them (a tenth of its start).
     */
    static final class StderrAppender extends ch.qos.logback.core.UnsynchronizedAppenderBase<ILoggingEvent> {
        private volatile ConsoleAppender<ILoggingEvent> console;

        @Override
        protected void append(ILoggingEvent event) {
            ConsoleAppender<ILoggingEvent> target = console;
            if (target == null) {
                target = open();
            }
            target.doAppend(event);
        }

        private synchronized ConsoleAppender<ILoggingEvent> open() {
            if (console == null) {
                PatternLayoutEncoder encoder = new PatternLayoutEncoder();
                encoder.setContext(getContext());
                encoder.setPattern(PATTERN);
                encoder.start();
                ConsoleAppender<ILoggingEvent> opened = new ConsoleAppender<>();
                opened.setContext(getContext());
                opened.setName(getName());
                opened.setTarget("System.err");
                opened.setEncoder(encoder);
                opened.start();
                console = opened;
            }
            return console;
        }

        @Override
        public void stop() {
            ConsoleAppender<ILoggingEvent> opened = console;
            if (opened != null) {
                opened.stop();
            }
            super.stop();
        }
    }

    /** Logback's own status messages (a configuration problem) are not printed: dbspec's output is its own. */
    private static NopStatusListener quiet(LoggerContext context) {
        return new NopStatusListener();
    }

    @SuppressWarnings("unchecked")
    private static void registerConverters(LoggerContext context) {
        Map<String, Supplier<DynamicConverter<?>>> registry =
                (Map<String, Supplier<DynamicConverter<?>>>) context.getObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS);
        if (registry == null) {
            registry = new HashMap<>();
            context.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, registry);
        }
        registry.put("redactedMsg", RedactedMessageConverter::new);
        registry.put("redactedEx", RedactedThrowableConverter::new);
    }

    private static Level level(LoggerContext context, String variable, Level fallback) {
        String value = context.getProperty(variable);
        if (value == null) {
            value = System.getProperty(variable);
        }
        if (value == null) {
            value = System.getenv(variable);
        }
        return value == null || value.isBlank() ? fallback : Level.toLevel(value.trim(), fallback);
    }
}
