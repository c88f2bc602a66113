package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A JDBC URL built from connection parameters ({@link EngineSpec#buildUrl}) and the driver properties that go
 * with it: the user, the password and the extra options, which are never written into the URL text (a property
 * reaches the driver exactly as given, with nothing to escape).
 *
 * @param url        the JDBC URL, without credentials or options beyond what the engine's URL template writes
 * @param properties the driver properties, by the names the driver uses ({@code user}, {@code password}, options)
 */
public record ConnectionUrl(String url, Map<String, String> properties) {
    public ConnectionUrl {
        requireNonNull(url, "url is null");
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(properties, "properties is null")));
    }

    /** The properties as a new {@link Properties}, for the driver. */
    public Properties toProperties() {
        Properties result = new Properties();
        properties.forEach(result::setProperty);
        return result;
    }

    /** Never shows the properties: the password and secret options are among them. */
    @Override
    public String toString() {
        return "ConnectionUrl[url=" + url + ", properties=" + properties.keySet() + "]";
    }
}
