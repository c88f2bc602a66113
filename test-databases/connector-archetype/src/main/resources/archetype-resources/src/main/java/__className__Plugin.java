package ${package};

import org.pf4j.Plugin;

/**
 * The PF4J plugin the manifest names in Plugin-Class. The host needs nothing from it: the engine lives in
 * {@link ${className}EngineSpec}. Override start() and stop() only for resources the whole plugin shares.
 */
public final class ${className}Plugin extends Plugin {
}
