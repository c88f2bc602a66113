package dev.dbspec.testdb.packaging;

import org.pf4j.Plugin;

/** The PF4J plugin class {@code PluginPackagingTest} names in its zips' {@code Plugin-Class}. */
public final class FixturePlugin extends Plugin {
}
