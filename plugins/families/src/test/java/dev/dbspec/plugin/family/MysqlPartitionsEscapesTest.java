package dev.dbspec.plugin.family;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** MySQL's backslash-escaped bound literals rewritten for a session under NO_BACKSLASH_ESCAPES. */
class MysqlPartitionsEscapesTest {
    @Test
    void escapesBecomeCharactersAndQuotesStayDoubled() {
        assertThat(MysqlPartitions.withoutBackslashEscapes("'zz\\\\'")).contains("'zz\\'");
        assertThat(MysqlPartitions.withoutBackslashEscapes("'a\\nb\\tc\\Zd'")).contains("'a\nb\tc\u001ad'");
        assertThat(MysqlPartitions.withoutBackslashEscapes("'it\\'s'")).contains("'it''s'");
        assertThat(MysqlPartitions.withoutBackslashEscapes("'it''s'")).contains("'it''s'");
        assertThat(MysqlPartitions.withoutBackslashEscapes("2024")).contains("2024");
        assertThat(MysqlPartitions.withoutBackslashEscapes("_binary 0x5c27")).contains("_binary 0x5c27");
    }

    @Test
    void escapesASessionCannotWriteTheSameWayGiveNone() {
        assertThat(MysqlPartitions.withoutBackslashEscapes("'a\\0b'")).isEmpty();
        assertThat(MysqlPartitions.withoutBackslashEscapes("'a\\%'")).isEmpty();
        assertThat(MysqlPartitions.withoutBackslashEscapes("'a\\'")).isEmpty();
    }
}
