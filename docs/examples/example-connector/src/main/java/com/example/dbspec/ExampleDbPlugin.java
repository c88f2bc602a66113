package com.example.dbspec;

import org.pf4j.Plugin;

/** The PF4J plugin the manifest names in Plugin-Class; the engine itself is {@link ExampleDbEngineSpec}. */
public final class ExampleDbPlugin extends Plugin {
}
