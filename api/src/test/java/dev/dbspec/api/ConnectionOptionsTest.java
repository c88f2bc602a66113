package dev.dbspec.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionOptionsTest {
    private static final ConnectionOptions QUERY = ConnectionOptions.builder(ConnectionOptions.Syntax.QUERY)
            .allow("ssl", OptionRule.bool())
            .allow("connectTimeout", OptionRule.integer(0, 600))
            .allow("sslmode", OptionRule.oneOf("disable", "require", "verify-full"))
            .allow("ApplicationName", OptionRule.text(64))
            .allow("sslrootcert", OptionRule.localPath())
            .secret("sslpassword")
            .refuse("instantiates a class named in the URL", "socketFactory")
            .build();
    private static final ConnectionOptions SEMICOLON = ConnectionOptions.builder(ConnectionOptions.Syntax.SEMICOLON)
            .allow("MODE", OptionRule.oneOf("PostgreSQL", "MySQL"))
            .refuse("runs SQL when connecting", "INIT")
            .build();

    private static void vet(ConnectionOptions options, String url, Properties properties, Optional<Path> files) {
        options.vet("e", options.parseStrictly("e", url, properties), Map.of(), new OptionContext(files));
    }

    private static void vet(ConnectionOptions options, String url) {
        vet(options, url, new Properties(), Optional.empty());
    }

    /** Each built-in rule names a value it allows, which the conformance kit writes in URLs and properties. */
    @Test
    void sampleValuesAreAllowedByTheirOwnRule() {
        OptionContext anywhere = new OptionContext(Optional.empty());
        Map<OptionRule, String> samples = Map.of(
                OptionRule.bool(), "true",
                OptionRule.oneOf("verify-full", "require"), "verify-full",
                OptionRule.integer(5, 600), "5",
                OptionRule.hostNames(), "db.example.com",
                OptionRule.text(64), "sample",
                OptionRule.text(3), "sam",
                OptionRule.secretValue(), "sample",
                OptionRule.of("a port", "5432", (value, context) -> value.matches("[0-9]{1,5}") ? Optional.empty() : Optional.of("must be a port")), "5432");
        samples.forEach((rule, sample) -> {
            assertThat(rule.sampleValue()).as(rule.description()).hasValue(sample);
            assertThat(rule.refusal(sample, anywhere)).as(rule.description()).isEmpty();
        });
        assertThat(OptionRule.localPath().sampleValue()).isEmpty();
        // a local path is never a URL, even where local files are not confined (a driver would fetch it)
        for (String url : new String[] {"http://169.254.169.254/latest/meta-data", "file:/etc/passwd", "jar:http://h/x.jar!/k", "HTTPS://h/k"}) {
            assertThat(OptionRule.localPath().refusal(url, anywhere)).as(url).isPresent();
        }
        assertThat(OptionRule.localPath().refusal("/srv/certs/root.crt", anywhere)).isEmpty();
        assertThat(OptionRule.localPath().refusal("C:\\certs\\root.crt", anywhere)).isEmpty();
        assertThat(OptionRule.of("anything", (value, context) -> Optional.empty()).sampleValue()).isEmpty();
        assertThat(OptionRule.oneOf().sampleValue()).isEmpty();
    }

    @Test
    void allowedOptionsWithGoodValuesPass() {
        vet(QUERY, "jdbc:x://h:1/db?ssl=true&connectTimeout=10&sslmode=verify-full&ApplicationName=dbspec&SSLPASSWORD=s3cret");
        vet(SEMICOLON, "jdbc:x:mem:a;MODE=PostgreSQL;");
    }

    @Test
    void everyOptionNotOnTheListIsRefusedWithTheReason() {
        assertThatThrownBy(() -> vet(QUERY, "jdbc:x://h/db?loggerFile=/tmp/x"))
                .isInstanceOfSatisfying(UnsafeUrlException.class, e -> assertThat(e.option()).isEqualTo("loggerFile"))
                .hasMessageContaining("allow-list");
        assertThatThrownBy(() -> vet(QUERY, "jdbc:x://h/db?SOCKETFACTORY=a.B"))
                .hasMessageContaining("instantiates a class");
        assertThatThrownBy(() -> vet(SEMICOLON, "jdbc:x:mem:a;init=x"))
                .hasMessageContaining("runs SQL");
    }

    @Test
    void valuesFollowTheirRuleAndAreNeverEchoed() {
        assertThatThrownBy(() -> vet(QUERY, "jdbc:x://h/db?ssl=yes-please")).hasMessageContaining("false, true")
                .hasMessageNotContaining("yes-please");
        assertThatThrownBy(() -> vet(QUERY, "jdbc:x://h/db?connectTimeout=100000")).hasMessageContaining("0 to 600");
        assertThatThrownBy(() -> vet(QUERY, "jdbc:x://h/db?sslmode=allow")).hasMessageContaining("one of");
        assertThatThrownBy(() -> vet(QUERY, "jdbc:x://h/db?ApplicationName=" + "a".repeat(65))).hasMessageContaining("at most 64");
    }

    @Test
    void formsThatDriversReadDifferentlyAreRefused() {
        for (String url : new String[] {
                "jdbc:x://h/db?socket\\Factory=a.B",             // escape
                "jdbc:x://h/db?socket%46actory=a.B",             // percent-encoded name
                "jdbc:x://h/db?ssl=tru%65",                      // percent-encoded value
                "jdbc:x://h/db?ssl=true&SSL=false",              // duplicate
                "jdbc:x://address=(host=h)(socketFactory=a.B)/db", // host block
                "jdbc:x://(host=h,socketFactory=a.B)/db",
                "jdbc:x://h/db;socketFactory=a.B",               // other syntax's separator
                "jdbc:x://h/db?ssl=true;socketFactory=a.B",
                "jdbc:x://h/db?s\u0131slmode=require",           // dotless i
                "jdbc:x://h/db?ssl=true\n&x=1",                  // control character
                "jdbc:x://h/db?=1",
                "jdbc:x://h/db?ssl",
        }) {
            assertThatThrownBy(() -> vet(QUERY, url)).as(url).isInstanceOf(UnsafeUrlException.class);
        }
        assertThatThrownBy(() -> vet(SEMICOLON, "jdbc:x:mem:a?INIT=x")).isInstanceOf(UnsafeUrlException.class);
        assertThatThrownBy(() -> vet(SEMICOLON, "jdbc:x:mem:a;IN\\IT=x")).isInstanceOf(UnsafeUrlException.class);
        assertThatThrownBy(() -> vet(SEMICOLON, "jdbc:x:mem:a;\u0131n\u0131t=x")).isInstanceOf(UnsafeUrlException.class);
    }

    @Test
    void propertiesAreVettedLikeUrlOptionsAndMayNotRepeatThem() {
        Properties properties = new Properties();
        properties.setProperty("socketFactory", "a.B");
        assertThatThrownBy(() -> vet(QUERY, "jdbc:x://h/db", properties, Optional.empty())).hasMessageContaining("instantiates");
        Properties twice = new Properties();
        twice.setProperty("SSL", "false");
        assertThatThrownBy(() -> vet(QUERY, "jdbc:x://h/db?ssl=true", twice, Optional.empty())).hasMessageContaining("twice");
        Properties credentials = new Properties();
        credentials.setProperty("user", "alice");
        credentials.setProperty("password", "pw");
        vet(QUERY, "jdbc:x://h/db", credentials, Optional.empty());
    }

    @Test
    void pathOptionsMustResolveInsideTheFilesDirectoryThroughSymbolicLinks(@TempDir Path temp) throws IOException {
        Path files = Files.createDirectory(temp.resolve("files"));
        Path outside = Files.createDirectory(temp.resolve("outside"));
        Files.writeString(outside.resolve("ca.pem"), "x");
        Files.writeString(files.resolve("ca.pem"), "x");
        Files.createSymbolicLink(files.resolve("link"), outside);
        Files.createSymbolicLink(files.resolve("dangling.pem"), outside.resolve("new.pem"));
        vet(QUERY, "jdbc:x://h/db?sslrootcert=" + files.resolve("ca.pem"), new Properties(), Optional.of(files));
        vet(QUERY, "jdbc:x://h/db?sslrootcert=" + files.resolve("not-yet.pem"), new Properties(), Optional.of(files));
        for (Path refused : new Path[] {outside.resolve("ca.pem"), files.resolve("link/ca.pem"), files.resolve("../outside/ca.pem"),
                files.resolve("dangling.pem"), files.resolve("missing/../../outside/ca.pem")}) {
            assertThatThrownBy(() -> vet(QUERY, "jdbc:x://h/db?sslrootcert=" + refused, new Properties(), Optional.of(files)))
                    .as(refused.toString()).isInstanceOf(UnsafeUrlException.class);
        }
        assertThatThrownBy(() -> vet(QUERY, "jdbc:x://h/db?sslrootcert=ca.pem", new Properties(), Optional.of(files)))
                .hasMessageContaining("relative");
        assertThat(LocalPaths.requireInside(files.resolve("ca.pem"), files)).isEqualTo(files.toRealPath().resolve("ca.pem"));
    }
}
