package dev.dbspec.plugin.sapiq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.plugin.family.SqlAnywhereFamilySpecContract;
import org.junit.jupiter.api.Test;

/** Spec only: the driver is not bundled and no SAP IQ server runs in the build, so the facts are checked as written. */
class SapiqSpecTest extends SqlAnywhereFamilySpecContract {
    SapiqSpecTest() {
        super(new SapiqEngineSpec(), "jdbc:sapiq:");
    }

    @Test
    void namedAfterSybaseIqToo() {
        assertThat(spec().aliases()).containsExactly("sybaseiq");
        assertThat(spec().maxColumnNameLength()).hasValue(128);
    }
}
