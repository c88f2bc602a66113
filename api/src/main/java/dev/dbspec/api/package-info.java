/**
 * The dbspec SPI: what a third-party connector implements and what the host offers it.
 *
 * <p>A connector is a PF4J plugin whose jar contains one or more {@link dev.dbspec.api.EngineSpec}
 * implementations annotated with {@code @org.pf4j.Extension} (and listed in
 * {@code META-INF/services/dev.dbspec.api.EngineSpec} for plain-classpath use). The plugin manifest
 * declares {@code Plugin-Id}, {@code Plugin-Version} and {@code Plugin-Requires}, the SPI range it was
 * written for (for example {@code >=1.0.0 & <2.0.0}); see {@link dev.dbspec.api.SpiVersion}.
 *
 * <p>Rules this package keeps: it depends on nothing but the JDK and PF4J's extension marker; every
 * value type is immutable; new methods on interfaces arrive as {@code default} methods so existing
 * connectors keep compiling.
 */
package dev.dbspec.api;
