package dev.dbspec.plugin.family;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.testdb.EngineSpecContract;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The checks every {@link SqlAnywhereFamilySpec} engine shares, on top of {@link EngineSpecContract}: its own prefix
 * handed to jTDS, jTDS's dangerous options refused by name, the T-SQL family's grains, {@code DATETIME} literals and
 * {@code TOP n}, no cancellation. A plugin's test extends it with the engine and its prefix.
 *
 * <p>Published in the families module's test-jar; plugins take it in test scope only.
 */
public abstract class SqlAnywhereFamilySpecContract extends OwnPrefixSpecContract {
    protected SqlAnywhereFamilySpecContract(SqlAnywhereFamilySpec spec, String prefix) {
        super(spec, prefix, 2638);
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of("logfile", "bufferDir", "namedPipe", "useJCIFS", "domain", "useNTLMv2", "useKerberos");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of("ssl=maybe", "one of");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of(prefix() + "//db.example.com:2638/demo;ssl=authenticate;loginTimeout=30;appName=dbspec");
    }

    @Test
    void tsqlFactsHandedToJtds() {
        assertThat(spec().timeGrainExpressions()).isEqualTo(TsqlFamilySpec.GRAINS);
        assertThat(spec().driverUrl(prefix() + "//db.example.com:2638/demo;ssl=require"))
                .isEqualTo("jdbc:jtds:sybase://db.example.com:2638/demo;ssl=require");
        assertThat(spec().datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("CAST('20190102 03:04:05.678000' AS DATETIME)");
        assertThat(spec().limitSyntax()).isEqualTo(LimitSyntax.TOP);
        assertThat(spec().cancelMethod()).isEqualTo(CancelMethod.NONE);
        assertThat(spec().defaultPort()).hasValue(2638);
    }
}
