package dev.dbspec.plugin.family;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.UnsafeUrlException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Reaches a JDBC driver's own URL parser by reflection from the spec's class loader (the plugin's, with
 * the driver in {@code lib/} or {@code drivers/}), so a family base class can read URLs the way the
 * driver will without depending on the driver at compile time. When the driver is not installed the
 * family falls back to the strict canonical parser.
 */
final class DriverParser {
    private DriverParser() {
    }

    /** The public static method {@code name} of {@code className}, when the driver is installed. */
    static Optional<Method> staticMethod(EngineSpec spec, String className, String name, Class<?>... parameters) {
        try {
            Class<?> type = Class.forName(className, true, spec.getClass().getClassLoader());
            return Optional.of(type.getMethod(name, parameters));
        } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** Calls {@code method}; a refusal by the driver's parser becomes an {@link UnsafeUrlException}. */
    static Object invoke(EngineSpec spec, Method method, Object target, Object... arguments) {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw UnsafeUrlException.url(spec.id(), "the driver cannot read it (" + cause.getClass().getSimpleName() + ")");
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(spec.id() + ": cannot call " + method, e);
        }
    }
}
