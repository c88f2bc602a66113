package dev.dbspec.host.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Marker;

/**
 * Keeps DEBUG and TRACE to the loggers on an allow-list (by default dbspec's own, {@code dev.dbspec.}),
 * whatever level the configuration sets. Libraries log what passes through them at those levels:
 * Jetty dumps request buffers (a registration's password in the JSON body), drivers and pools print
 * connection URLs and properties. Their INFO and above still pass, through the redacting layout.
 *
 * <p>Installed by {@link DbspecLogging}; in a logback XML file of one's own:
 * {@code <turboFilter class="dev.dbspec.host.logging.LibraryDetailFilter"/>}, optionally with {@code <allow>prefix.</allow>}
 * elements replacing the default allow-list.
 */
public final class LibraryDetailFilter extends TurboFilter {
    private final List<String> allowed = new ArrayList<>();

    /** Adds a logger-name prefix whose DEBUG and TRACE events pass (Joran calls it for each {@code <allow>}). */
    public void addAllow(String prefix) {
        if (prefix != null && !prefix.isBlank()) {
            allowed.add(prefix.trim());
        }
    }

    @Override
    public void start() {
        if (allowed.isEmpty()) {
            allowed.add("dev.dbspec.");
        }
        super.start();
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (!isStarted() || level == null || level.isGreaterOrEqual(Level.INFO) || logger == null) {
            return FilterReply.NEUTRAL;
        }
        String name = logger.getName();
        for (String prefix : allowed) {
            if (name.startsWith(prefix)) {
                return FilterReply.NEUTRAL;
            }
        }
        return FilterReply.DENY;
    }
}
