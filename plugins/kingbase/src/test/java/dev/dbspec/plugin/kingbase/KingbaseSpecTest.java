package dev.dbspec.plugin.kingbase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.plugin.family.PgjdbcForkSpecContract;
import org.junit.jupiter.api.Test;

/** Spec only: the driver is not bundled and no KingbaseES server runs in the build, so the facts are checked as written. */
class KingbaseSpecTest extends PgjdbcForkSpecContract {
    KingbaseSpecTest() {
        super(new KingbaseEngineSpec(), "jdbc:kingbase8://kes.example.com:54321/test?sslmode=require&currentSchema=public");
    }

    @Test
    void kingbasePrefixAndPort() {
        assertThat(spec().urlPrefixes()).containsExactly("jdbc:kingbase8:");
        assertThat(spec().defaultPort()).hasValue(54321);
        assertThat(spec().cancelMethod()).isEqualTo(CancelMethod.NONE);
    }
}
