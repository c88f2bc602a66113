package dev.dbspec.host.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.dbspec.host.secrets.KnownSecrets;

/** {@code %redactedMsg}: the formatted message with secrets masked ({@link KnownSecrets#redact}). */
public final class RedactedMessageConverter extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return KnownSecrets.redact(super.convert(event));
    }
}
