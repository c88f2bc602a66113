package dev.dbspec.host.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.dbspec.host.secrets.KnownSecrets;

/**
 * {@code %redactedEx}: the stack trace with secrets masked ({@link KnownSecrets#redact}); driver
 * exceptions often carry the connection URL in their message.
 */
public final class RedactedThrowableConverter extends ThrowableProxyConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return KnownSecrets.redact(super.convert(event));
    }
}
