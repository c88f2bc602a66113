package dev.dbspec.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.identity.IdentifiedSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An engine's identity declared as data ({@link EngineFacts#builder(Class)}): read exactly, and every slip refused by name. */
class IdentityFileTest {
    private static final String WHERE = "x/engine.properties";
    private static final String MINIMAL = "id = x\nname = X\nurl = jdbc:x:{database}\nurl.prefixes = jdbc:x:\ndriver = x.Driver\n";

    private static EngineSpec spec(String text) throws IOException {
        EngineFacts facts = IdentityFile.read(WHERE, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))).build();
        return new DeclaredEngineSpec(facts) {
        };
    }

    @Test
    void theFileBesideTheSpecClassDeclaresEveryIdentityFact() {
        EngineSpec spec = new IdentifiedSpec();
        assertThat(spec.id()).isEqualTo("monet");
        assertThat(spec.displayName()).isEqualTo("MonetDB ünïcode"); // UTF-8, not the ISO 8859-1 of Properties.load(InputStream)
        assertThat(spec.aliases()).isEqualTo(Set.of("monetdb", "mdb"));
        assertThat(spec.urlTemplate()).isEqualTo("jdbc:monetdb://{host}:{port}/{database}?so_timeout=1");
        assertThat(spec.urlPrefixes()).containsExactly("jdbc:monetdb:", "jdbc:monet:");
        assertThat(spec.serverUrlTemplate()).contains("jdbc:monetdb://{host}:{port}/{database}");
        assertThat(spec.defaultPort()).isEqualTo(OptionalInt.of(50000));
        assertThat(spec.driverClassName()).isEqualTo("org.monetdb.jdbc.MonetDriver");
        assertThat(spec.driverArtifact()).contains(new DriverArtifact("monetdb:monetdb-jdbc:12.0", "MPL-2.0", false));
    }

    @Test
    void whatTheFileLeavesOutKeepsTheDefaultsAndTheBuilderMayAddOrReplace() throws IOException {
        EngineSpec minimal = spec(MINIMAL);
        assertThat(minimal.aliases()).isEmpty();
        assertThat(minimal.defaultPort()).isEmpty();
        assertThat(minimal.serverUrlTemplate()).isEmpty();
        assertThat(minimal.driverArtifact()).isEmpty();

        EngineFacts replaced = IdentityFile.read(WHERE, new ByteArrayInputStream(MINIMAL.getBytes(StandardCharsets.UTF_8)))
                .port(1234).driver("y.Driver").build();
        EngineSpec spec = new DeclaredEngineSpec(replaced) {
        };
        assertThat(spec.defaultPort()).isEqualTo(OptionalInt.of(1234));
        assertThat(spec.driverClassName()).isEqualTo("y.Driver");
    }

    @Test
    void aSpecWithoutTheFileIsToldWhereItShouldBe() {
        assertThatThrownBy(() -> EngineFacts.builder(DeclaredFactsWithoutFile.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dev/dbspec/api/engine.properties is missing")
                .hasMessageContaining(DeclaredFactsWithoutFile.class.getName());
    }

    @Test
    void everySlipIsRefusedWithTheFileAndTheKey() {
        List<List<String>> slips = List.of(
                List.of(MINIMAL + "prot = 5432\n", ":6: unknown key prot"),
                List.of(MINIMAL + "url prefixes = jdbc:y:\n", ":6: unknown key url prefixes"),
                List.of(MINIMAL + "port 5432\n", ":6: expected key = value, got port 5432"),
                List.of(MINIMAL + "port = +5432\n", "port +5432 is not a TCP port"),
                List.of(MINIMAL + "port = \u0665\u0664\u0663\u0662\n", "is not a TCP port"),
                List.of(MINIMAL + "aliases = a, b, a\n", "a repeated item in the list a, b, a"),
                List.of(MINIMAL.replace("url.prefixes = jdbc:x:", "url.prefixes = jdbc:x:, jdbc:x:"), "a repeated item"),
                List.of(MINIMAL + "id = y\n", "id is declared twice"),
                List.of(MINIMAL + "aliases =\n", "aliases is blank"),
                List.of(MINIMAL + "aliases = a,,b\n", "an empty item"),
                List.of(MINIMAL + "port = 0\n", "port 0 is not a TCP port"),
                List.of(MINIMAL + "port = 5432x\n", "port 5432x is not a TCP port"),
                List.of(MINIMAL + "driver.artifact = a:b:1\ndriver.license = MIT\n", "driver.bundled is missing"),
                List.of(MINIMAL + "driver.artifact = a:b:1\ndriver.license = MIT\ndriver.bundled = yes\n", "driver.bundled is yes"),
                List.of("name = X\nurl = jdbc:x:{database}\nurl.prefixes = jdbc:x:\ndriver = x.Driver\n", "id is missing"),
                List.of("id = x\nname = X\nurl = jdbc:x:{database}\ndriver = x.Driver\n", "url.prefixes is missing"));
        for (List<String> slip : slips) {
            assertThatThrownBy(() -> spec(slip.get(0)))
                    .as(slip.get(0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith(WHERE + ":")
                    .hasMessageContaining(slip.get(1));
        }
    }

    @Test
    void valuesAreTakenAsWrittenWithoutPropertiesEscapes() throws IOException {
        EngineSpec spec = spec("\uFEFFid = x\r\nname = X\r\n# a comment\r\n   # an indented comment\r\n"
                + "url = jdbc:x://{host}\\{instance}\\temp;a=b=c \\\r\nurl.prefixes = jdbc:x:\\\r\ndriver = x.Driver\r\n");
        assertThat(spec.id()).isEqualTo("x"); // the byte order mark is not part of the first key
        assertThat(spec.urlTemplate()).isEqualTo("jdbc:x://{host}\\{instance}\\temp;a=b=c \\");
        assertThat(spec.urlPrefixes()).containsExactly("jdbc:x:\\"); // a trailing backslash joins no lines
    }

    @Test
    void aUrlOrDriverNeitherTheFileNorTheJavaDeclaresNamesTheFile() {
        assertThatThrownBy(() -> spec("id = x\nname = X\ndriver = x.Driver\n"))
                .hasMessage("url(...) is not declared (nor as url and url.prefixes in " + WHERE + ")");
        assertThatThrownBy(() -> spec("id = x\nname = X\nurl = jdbc:x:{database}\nurl.prefixes = jdbc:x:\n"))
                .hasMessage("driver(...) is not declared (nor as driver in " + WHERE + ")");
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedNotGuessed() {
        byte[] latin1 = "id = x\nname = Caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> IdentityFile.read(WHERE, new ByteArrayInputStream(latin1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(WHERE + " is not UTF-8 text");
    }

    @Test
    void theFileNameIsPartOfTheSpi() {
        assertThat(EngineFacts.IDENTITY_FILE).isEqualTo("engine.properties");
        assertThat(Optional.ofNullable(IdentifiedSpec.class.getResource(EngineFacts.IDENTITY_FILE))).isPresent();
    }

    /** A spec class in a package without {@code engine.properties}. */
    private static final class DeclaredFactsWithoutFile extends DeclaredEngineSpec {
        private DeclaredFactsWithoutFile() {
            super(EngineFacts.builder(DeclaredFactsWithoutFile.class).build());
        }
    }
}
