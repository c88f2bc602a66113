package dev.dbspec.host.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A driver's number text is written as it is only when JSON's grammar accepts it: anything else would break the JSON. */
class JsonNumberTextTest {
    @Test
    void jsonNumbersAreAcceptedAndEveryOneParsesToTheSameValue() throws Exception {
        for (String number : List.of("0", "-0", "7", "-12", "0.25", "-2.50", "1E+3", "1e-7", "1.5E10", "123456789012345678901234567890.123456789")) {
            assertThat(JsonValues.isJsonNumber(number)).as(number).isTrue();
            assertThat(new ObjectMapper().enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(number).decimalValue()).as(number).isEqualByComparingTo(new BigDecimal(number));
        }
    }

    @Test
    void whatJsonRefusesIsRefused() {
        for (String text : List.of("", "-", ".5", "5.", "+1", "01", "-01", "1e", "1e+", "1.e3", "NaN", "Infinity", "-Infinity", "1,5",
                " 1", "1 ", "0x1F", "1_000", "1d", "١٢")) {
            assertThat(JsonValues.isJsonNumber(text)).as("'" + text + "'").isFalse();
        }
    }
}
