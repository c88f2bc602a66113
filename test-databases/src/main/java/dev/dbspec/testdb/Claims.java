package dev.dbspec.testdb;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.Capability;
import dev.dbspec.api.EngineSpec;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.EnumSet;
import java.util.Set;

/**
 * A spec that claims more than it has, for tests proving that a claim scores only when the live checks back it: every
 * method answers as {@code spec} does, except {@link EngineSpec#capabilities()} and {@link EngineSpec#has}.
 */
public final class Claims {
    private Claims() {
    }

    /** {@code spec} claiming {@code extra} on top of its own capabilities. */
    public static EngineSpec adding(EngineSpec spec, Set<Capability> extra) {
        requireNonNull(spec, "spec is null");
        Set<Capability> claimed = EnumSet.noneOf(Capability.class);
        claimed.addAll(spec.capabilities());
        claimed.addAll(requireNonNull(extra, "extra is null"));
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("capabilities") && method.getParameterCount() == 0) {
                return EnumSet.copyOf(claimed);
            }
            if (method.getName().equals("has") && method.getParameterCount() == 1) {
                return claimed.contains((Capability) args[0]);
            }
            return invoke(spec, method, args);
        };
        return (EngineSpec) Proxy.newProxyInstance(spec.getClass().getClassLoader(), new Class<?>[] {EngineSpec.class}, handler);
    }

    private static Object invoke(EngineSpec spec, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(spec, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
