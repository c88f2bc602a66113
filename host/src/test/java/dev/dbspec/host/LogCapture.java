package dev.dbspec.host;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.FileAppender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * The distribution's own logging ({@code DbspecLogging}: its filter and redacting layout) with the root logger and
 * every configured library logger at DEBUG, written to a file with the distribution's pattern: what an
 * operator gets with {@code DBSPEC_LOG_LEVEL=DEBUG DBSPEC_PF4J_LOG_LEVEL=DEBUG}. Restores the normal
 * configuration when closed.
 */
final class LogCapture implements AutoCloseable {
    private final Path file;
    private final LoggerContext context;

    private LogCapture(Path file, LoggerContext context) {
        this.file = file;
        this.context = context;
    }

    static LogCapture everythingAtDebug(Path file) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        context.putProperty("DBSPEC_LOG_LEVEL", "DEBUG");
        context.putProperty("DBSPEC_PF4J_LOG_LEVEL", "DEBUG");
        dev.dbspec.host.logging.DbspecLogging.configure(context);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.Appender<ch.qos.logback.classic.spi.ILoggingEvent> console = root.getAppender("STDERR");
        String pattern = dev.dbspec.host.logging.DbspecLogging.PATTERN;
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        FileAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("CAPTURE");
        appender.setFile(file.toString());
        appender.setEncoder(encoder);
        appender.setImmediateFlush(true);
        appender.start();
        root.detachAppender(console);
        console.stop();
        root.addAppender(appender);
        root.setLevel(Level.DEBUG);
        for (Logger logger : context.getLoggerList()) {
            if (logger.getLevel() != null) {
                logger.setLevel(Level.DEBUG);
            }
        }
        return new LogCapture(file, context);
    }

    /** Everything logged so far. */
    String text() {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        context.reset();
        try {
            new ContextInitializer(context).autoConfig();
        } catch (JoranException e) {
            throw new IllegalStateException(e);
        }
    }
}
