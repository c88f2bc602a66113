package dev.dbspec.plugin.sqlanywhere;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.plugin.family.SqlAnywhereFamilySpecContract;
import org.junit.jupiter.api.Test;

/** Spec only: the driver is not bundled and no SQL Anywhere server runs in the build, so the facts are checked as written. */
class SqlanywhereSpecTest extends SqlAnywhereFamilySpecContract {
    SqlanywhereSpecTest() {
        super(new SqlanywhereEngineSpec(), "jdbc:sqlanywhere:");
    }

    @Test
    void servesItsOwnPrefixOnly() {
        assertThat(spec().urlPrefixes()).containsExactly("jdbc:sqlanywhere:");
        assertThat(spec().aliases()).containsExactly("sybaseasa");
    }
}
