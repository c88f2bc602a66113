package dev.dbspec.testdb;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The packaging contract as a JUnit 5 base class: the plugin zip the connector's build made is loaded into a PF4J
 * plugin manager laid out as the dbspec host's, and must start with its one engine spec ({@link PluginPackaging#verify}).
 *
 * <p>The zip exists only after {@code package}, so run the subclass with maven-failsafe-plugin (a class named
 * {@code *IT}) and hand it the zip:
 *
 * <pre>{@code
 * class AcmeDbPackagingIT extends PluginPackagingContract {
 *     @Override protected String engineId() { return "acmedb"; }
 * }
 *
 * <plugin><artifactId>maven-failsafe-plugin</artifactId>
 *   <configuration><systemPropertyVariables>
 *     <dbspec.plugin.zip>${project.build.directory}/${project.build.finalName}.zip</dbspec.plugin.zip>
 *   </systemPropertyVariables></configuration>
 *   <executions><execution><goals><goal>integration-test</goal><goal>verify</goal></goals></execution></executions>
 * </plugin>
 * }</pre>
 */
public abstract class PluginPackagingContract {
    /** The id the plugin's one {@code EngineSpec} must return. */
    protected abstract String engineId();

    /** The built plugin zip; by default {@code -Ddbspec.plugin.zip}, set by the connector's failsafe configuration. */
    protected Path pluginZip() {
        return PluginPackaging.configuredZip().orElseGet(() -> fail("the system property dbspec.plugin.zip is not set: add"
                + " <systemPropertyVariables><dbspec.plugin.zip>${project.build.directory}/${project.build.finalName}.zip"
                + "</dbspec.plugin.zip></systemPropertyVariables> to maven-failsafe-plugin in your pom, or override pluginZip()"));
    }

    @Test
    void builtPluginZipStartsInAHostWithItsEngineSpec() {
        PluginPackaging.verify(pluginZip(), engineId());
    }
}
