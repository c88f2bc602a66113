package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.EngineSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One plugins directory holding the three real plugins next to good and deliberately broken test
 * plugins: the broken ones are FAILED with a reason, everything else works, and class loaders are
 * isolated.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PluginLoadingTest {
    @TempDir
    static Path plugins;

    private DbspecHost host;
    private EngineRegistry registry;

    @BeforeAll
    void buildPluginsAndStartHost() throws IOException {
        TestPluginJars.copyBuiltPlugins(plugins);
        TestPluginJars.engine("alpha", "dev.test.alpha", "alpha", "jdbc:alpha:", "")
                .source("dev.test.alpha.Secret", "package dev.test.alpha; public final class Secret { }")
                .writeTo(plugins);
        TestPluginJars.engine("beta", "dev.test.beta", "beta", "jdbc:alpha:beta:", "").writeTo(plugins);
        TestPluginJars.engine("gamma-one", "dev.test.gamma1", "gamma_one", "jdbc:gamma:", "").writeTo(plugins);
        TestPluginJars.engine("gamma-two", "dev.test.gamma2", "gamma_two", "jdbc:gamma:", "").writeTo(plugins);
        TestPluginJars.engine("aliased", "dev.test.aliased", "aliased", "jdbc:aliased:",
                "public Set<String> aliases() { return Set.of(\"aka\"); }").writeTo(plugins);
        // Broken on purpose:
        TestPluginJars.engine("static-init", "dev.test.staticinit", "staticinit", "jdbc:staticinit:",
                "static { if (true) throw new IllegalStateException(\"boom in static initializer\"); }").writeTo(plugins);
        TestPluginJars.engine("missing-class", "dev.test.missing", "missing", "jdbc:missing:",
                        "private final Helper helper = new Helper();")
                .source("dev.test.missing.Helper", "package dev.test.missing; public final class Helper { }")
                .omit("dev.test.missing.Helper")
                .writeTo(plugins);
        TestPluginJars.engine("future-spi", "dev.test.future", "future", "jdbc:future:", "")
                .requires(">=2.0.0 & <3.0.0").writeTo(plugins);
        TestPluginJars.engine("norequires", "dev.test.norequires", "norequires", "jdbc:norequires:", "")
                .requires(null).writeTo(plugins);
        TestPluginJars.engine("duplicate", "dev.test.duplicate", "alpha", "jdbc:alpha2:", "").writeTo(plugins);
        TestPluginJars.engine("bad-id", "dev.test.badid", "Bad Id!", "jdbc:badid:", "").writeTo(plugins);
        TestPluginJars.plugin("no-extension")
                .source("dev.test.empty.Nothing", "package dev.test.empty; public final class Nothing { }")
                .writeTo(plugins);
        Files.write(plugins.resolve("corrupt.jar"), new byte[] {0x50, 0x4b, 0x03, 0x04, 1, 2, 3});
        host = DbspecHost.start(Optional.of(plugins), false);
        registry = host.registry();
    }

    @AfterAll
    void stopHost() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void realAndGoodPluginsAreStarted() {
        assertThat(registry.ids()).contains("aliased", "alpha", "beta", "gamma_one", "gamma_two", "h2", "postgresql", "sqlite")
                .doesNotContain("staticinit", "missing", "future").isSorted();
        assertThat(registry.entries().stream().filter(e -> e.plugin().equals("h2") || e.plugin().equals("postgresql")
                || e.plugin().equals("sqlite"))).allSatisfy(e -> assertThat(e.state()).isEqualTo(EngineState.STARTED));
        assertThat(registry.entry("h2")).get().satisfies(entry -> {
            assertThat(entry.state()).isEqualTo(EngineState.STARTED);
            assertThat(entry.plugin()).isEqualTo("h2");
            assertThat(entry.pluginVersion()).isNotBlank();
        });
    }

    @Test
    void brokenPluginsAreFailedWithTheReason() {
        assertFailed("static-init", "ExceptionInInitializerError", "boom in static initializer");
        assertFailed("missing-class", "NoClassDefFoundError", "dev/test/missing/Helper");
        assertFailed("future-spi", "requires dbspec SPI >=2.0.0 & <3.0.0", "provides SPI " + dev.dbspec.api.SpiVersion.CURRENT);
        assertFailed("bad-id", "invalid engine id 'Bad Id!'");
        assertFailed("no-extension", "declares no EngineSpec extension");
        assertFailed("corrupt.jar", "cannot load plugin");
        EngineEntry duplicate = registry.entries().stream()
                .filter(e -> e.plugin().equals("duplicate")).findFirst().orElseThrow();
        assertThat(duplicate.state()).isEqualTo(EngineState.FAILED);
        assertThat(duplicate.reason()).get().asString().contains("duplicate engine id 'alpha'", "already provided by plugin alpha");
    }

    private void assertFailed(String id, String... reasonParts) {
        EngineEntry entry = registry.entries().stream()
                .filter(e -> e.id().equals(id) || e.plugin().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no entry for " + id + " in " + registry.entries()));
        assertThat(entry.state()).as(id).isEqualTo(EngineState.FAILED);
        assertThat(entry.spec()).isEmpty();
        assertThat(entry.reason()).as(id).get().asString().contains(reasonParts);
    }

    @Test
    void pluginClassesAreInvisibleToOtherPluginsAndTheHost() throws Exception {
        ClassLoader alpha = registry.resolve("alpha").getClass().getClassLoader();
        ClassLoader beta = registry.resolve("beta").getClass().getClassLoader();
        assertThat(alpha).isNotSameAs(beta).isNotSameAs(getClass().getClassLoader());
        assertThat(alpha.loadClass("dev.test.alpha.Secret")).isNotNull();
        assertThatThrownBy(() -> beta.loadClass("dev.test.alpha.Secret")).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("dev.test.alpha.Secret")).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("dev.test.alpha.Spec")).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void pluginsShareTheSpiButNotTheHostLibraries() throws Exception {
        ClassLoader h2 = registry.resolve("h2").getClass().getClassLoader();
        assertThat(h2.loadClass(EngineSpec.class.getName())).isSameAs(EngineSpec.class);
        assertThat(h2.loadClass("org.pf4j.ExtensionPoint")).isSameAs(org.pf4j.ExtensionPoint.class);
        // Jackson and picocli are on the host class path but not shared with plugins.
        assertThat(Class.forName("com.fasterxml.jackson.databind.ObjectMapper")).isNotNull();
        assertThatThrownBy(() -> h2.loadClass("com.fasterxml.jackson.databind.ObjectMapper")).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> h2.loadClass("picocli.CommandLine")).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void jdbcDriversLiveOnlyInTheirPlugin() throws Exception {
        ClassLoader h2 = registry.resolve("h2").getClass().getClassLoader();
        ClassLoader sqlite = registry.resolve("sqlite").getClass().getClassLoader();
        assertThat(h2.loadClass("org.h2.Driver").getClassLoader()).isSameAs(h2);
        assertThatThrownBy(() -> sqlite.loadClass("org.h2.Driver")).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("org.h2.Driver")).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("org.postgresql.Driver")).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void resolvesByIdAliasAndLongestUrlPrefix() {
        assertThat(registry.resolve("POSTGRES").id()).isEqualTo("postgresql");
        assertThat(registry.resolve("aka").id()).isEqualTo("aliased");
        assertThat(registry.forUrl("jdbc:h2:mem:x").id()).isEqualTo("h2");
        assertThat(registry.forUrl("jdbc:postgresql://127.0.0.1:5432/test").id()).isEqualTo("postgresql");
        assertThat(registry.forUrl("jdbc:alpha:db").id()).isEqualTo("alpha");
        assertThat(registry.forUrl("jdbc:alpha:beta:db").id()).isEqualTo("beta");
    }

    @Test
    void ambiguityAndUnknownsAreErrorsThatListWhatIsKnown() {
        assertThatThrownBy(() -> registry.forUrl("jdbc:gamma:x"))
                .isInstanceOfSatisfying(AmbiguousEngineException.class,
                        e -> assertThat(e.candidates()).containsExactlyInAnyOrder("gamma_one", "gamma_two"));
        assertThatThrownBy(() -> registry.forUrl("jdbc:nosuchdb://h:1521/x"))
                .isInstanceOf(UnknownEngineException.class)
                .hasMessageContaining("no engine serves URL").hasMessageNotContaining("jdbc:h2:");
        assertThatThrownBy(() -> registry.resolve("nope"))
                .isInstanceOfSatisfying(UnknownEngineException.class,
                        e -> assertThat(e.known()).contains("h2", "postgresql", "sqlite"));
        assertThatThrownBy(() -> registry.resolve("staticinit"))
                .isInstanceOf(UnknownEngineException.class).hasMessageContaining("unknown engine");
    }

    @Test
    void passwordsInUrlsAreMaskedInMessages() {
        assertThatThrownBy(() -> registry.forUrl("jdbc:nothing://u:s3cret@h/db?password=hunter2&user=x"))
                .hasMessageNotContaining("s3cret").hasMessageNotContaining("hunter2");
    }

    /** PF4J reads a missing Plugin-Requires as "any version"; dbspec refuses to start such a plugin and says why. */
    @Test
    void aPluginWithoutPluginRequiresFailsWithTheReason() {
        assertThat(registry.ids()).doesNotContain("norequires");
        assertThat(registry.entry("norequires")).get().satisfies(entry -> {
            assertThat(entry.state()).isEqualTo(EngineState.FAILED);
            assertThat(entry.reason()).get().asString().contains("no Plugin-Requires", "SPI " + dev.dbspec.api.SpiVersion.CURRENT);
        });
        assertThatThrownBy(() -> registry.forUrl("jdbc:norequires:mem:x"))
                .isInstanceOf(UnknownEngineException.class)
                .hasMessageContaining("plugin norequires (FAILED: its manifest has no Plugin-Requires")
                .hasMessageContaining("serves this prefix");
    }

    /** A typo in the prefix is offered the few close prefixes, never the whole list. */
    @Test
    void anUnknownPrefixOffersAtMostFiveClosePrefixes() {
        assertThatThrownBy(() -> registry.forUrl("jdbc:postgressql://h/db"))
                .isInstanceOf(UnknownEngineException.class)
                .hasMessageContaining("did you mean: jdbc:postgresql: (postgresql)")
                .satisfies(e -> assertThat(((UnknownEngineException) e).known()).hasSizeBetween(1, 5)
                        .doesNotContain("jdbc:h2: (h2)"));
        assertThatThrownBy(() -> registry.forUrl("jdbc:gama:x"))
                .satisfies(e -> assertThat(((UnknownEngineException) e).known()).first().isEqualTo("jdbc:gamma: (gamma_one)"));
        assertThatThrownBy(() -> registry.forUrl("jdbc:zzzzzzzzzzzz:x"))
                .hasMessageContaining("`dbspec engines` lists every URL prefix")
                .satisfies(e -> assertThat(((UnknownEngineException) e).known()).isEmpty());
    }
}
