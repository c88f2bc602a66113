package dev.dbspec.host.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every secret form the issue lists, masked by the one redaction class; what is not secret stays readable. */
class RedactorTest {
    private static final String S = "Zq7secretValue";

    private static String url(String url) {
        String redacted = Redactor.redactUrl(url);
        assertThat(redacted).as(url).doesNotContain(S).contains(Redactor.MASK);
        return redacted;
    }

    @Test
    void userinfoPasswordsAreMaskedAndTheRestKept() {
        assertThat(url("jdbc:postgresql://alice:" + S + "@db.example:5432/sales")).isEqualTo("jdbc:postgresql://alice:***@db.example:5432/sales");
        assertThat(url("jdbc:mysql://root:" + S + "@127.0.0.1:3306")).isEqualTo("jdbc:mysql://root:***@127.0.0.1:3306");
        // a password holding '/', '?' or '@' unencoded: the userinfo runs to the last '@'
        assertThat(url("jdbc:mysql://root:a/b?" + S + "@h/db")).isEqualTo("jdbc:mysql://root:***@h/db");
        assertThat(url("jdbc:mysql://u:" + S + "@h1,u2:" + S + "@h2/db")).doesNotContain(S);
        // a bare userinfo may be a token
        assertThat(url("jdbc:clickhouse://" + S + "@host:8443/db")).isEqualTo("jdbc:clickhouse://***@host:8443/db");
    }

    @Test
    void oracleUserSlashPasswordIsMasked() {
        assertThat(url("jdbc:oracle:thin:scott/" + S + "@127.0.0.1:1521/svc")).isEqualTo("jdbc:oracle:thin:scott/***@127.0.0.1:1521/svc");
        assertThat(url("jdbc:oracle:thin:scott/" + S + "@//db:1521/svc")).isEqualTo("jdbc:oracle:thin:scott/***@//db:1521/svc");
        assertThat(url("jdbc:oracle:thin:scott/\"p@" + S + "\"@db:1521:orcl")).isEqualTo("jdbc:oracle:thin:scott/***@db:1521:orcl");
        assertThat(url("jdbc:oracle:thin:scott/" + S + "@(DESCRIPTION=(ADDRESS=(HOST=db)(PORT=1521)))"))
                .startsWith("jdbc:oracle:thin:scott/***@(DESCRIPTION=");
        assertThat(Redactor.redactUrl("jdbc:oracle:thin:@db:1521/svc")).isEqualTo("jdbc:oracle:thin:@db:1521/svc");
    }

    @Test
    void secretOptionsAreMaskedInAnyCaseAndSpelling() {
        assertThat(url("jdbc:postgresql://h/db?user=a&password=" + S + "&ssl=true")).isEqualTo("jdbc:postgresql://h/db?user=a&password=***&ssl=true");
        assertThat(url("jdbc:sqlserver://h;user=a;Password=" + S + ";encrypt=true")).isEqualTo("jdbc:sqlserver://h;user=a;Password=***;encrypt=true");
        assertThat(url("jdbc:db2://h:50000/db:user=a;PWD=" + S + ";")).isEqualTo("jdbc:db2://h:50000/db:user=a;PWD=***;");
        assertThat(url("jdbc:snowflake://acct.snowflakecomputing.com/?passcode=" + S + "&private_key_file_pwd=" + S + "&db=x"))
                .isEqualTo("jdbc:snowflake://acct.snowflakecomputing.com/?passcode=***&private_key_file_pwd=***&db=x");
        assertThat(url("jdbc:databricks://h:443;OAuthPvtKey=" + S + ";httpPath=/sql")).isEqualTo("jdbc:databricks://h:443;OAuthPvtKey=***;httpPath=/sql");
        assertThat(url("jdbc:trino://h:8080?headers.Authorization=Bearer%20" + S)).isEqualTo("jdbc:trino://h:8080?headers.Authorization=***");
        for (String name : List.of("passwd", "PASSCODE", "clientSecret", "accessToken", "apiKey", "sslKeyPassword", "credentials", "Authorization")) {
            assertThat(url("jdbc:x://h/db?" + name + "=" + S)).isEqualTo("jdbc:x://h/db?" + name + "=***");
        }
    }

    @Test
    void encodedAndEscapedNamesAreDecodedBeforeMatching() {
        assertThat(url("jdbc:mysql://h/db?pass%77ord=" + S)).isEqualTo("jdbc:mysql://h/db?pass%77ord=***");
        assertThat(url("jdbc:mysql://h/db?%70%61%73%73%77%6F%72%64=" + S)).endsWith("=***");
        assertThat(url("jdbc:mysql://h/db?pass%2577ord=" + S)).endsWith("=***"); // encoded twice
        assertThat(url("jdbc:h2:mem:x;PASS\\WORD=" + S)).isEqualTo("jdbc:h2:mem:x;PASS\\WORD=***");
        // drivers that upper-case names read a dotless i as I and a long s as S
        assertThat(url("jdbc:h2:mem:x;CREDENT\u0131AL=" + S)).endsWith("=***");
        assertThat(url("jdbc:h2:mem:x;PA\u017FSWORD=" + S)).endsWith("=***");
        assertThat(Redactor.isSecretName("credent\u0131al")).isTrue();
        assertThat(Redactor.isSecretName("\uFF50\uFF41\uFF53\uFF53\uFF57\uFF4F\uFF52\uFF44")).isTrue(); // full-width
        assertThat(Redactor.isSecretName("ApplicationName")).isFalse();
        assertThat(Redactor.normalizeName("private_key_file_pwd")).isEqualTo("privatekeyfilepwd");
    }

    @Test
    void connectorJHostBlocksAndQuotedValuesAreMasked() {
        assertThat(url("jdbc:mysql://address=(host=h)(port=3306)(password=" + S + ")/db")).isEqualTo("jdbc:mysql://address=(host=h)(port=3306)(password=***)/db");
        assertThat(url("jdbc:mysql://(host=h,password=" + S + ",port=3306)/db")).doesNotContain(S);
        assertThat(url("jdbc:sqlserver://h;password={a;b" + S + "};db=x")).isEqualTo("jdbc:sqlserver://h;password=***;db=x");
        assertThat(url("jdbc:x://h?password=\"a&" + S + "\"&y=1")).isEqualTo("jdbc:x://h?password=***&y=1");
    }

    @Test
    void harmlessPartsStayReadable() {
        String plain = "jdbc:postgresql://db.example:5432/sales?ssl=true&ApplicationName=dbspec";
        assertThat(Redactor.redactUrl(plain)).isEqualTo(plain);
        assertThat(Redactor.redactUrl("jdbc:h2:mem:demo;DB_CLOSE_DELAY=-1")).isEqualTo("jdbc:h2:mem:demo;DB_CLOSE_DELAY=-1");
        assertThat(Redactor.redactOptions(Map.of("ApplicationName", "x", "OAuthPvtKey", S, "headers.Authorization", "Bearer " + S), Set.of()))
                .containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of("ApplicationName", "x", "OAuthPvtKey", "***", "headers.Authorization", "***")));
    }

    @Test
    void messagesAreMaskedByPositionJsonPairAndKnownValue() {
        assertThat(Redactor.redactText("Cannot connect to jdbc:mysql://root:" + S + "@h:3306/db: refused", Set.of(), Set.of()))
                .isEqualTo("Cannot connect to jdbc:mysql://root:***@h:3306/db: refused");
        assertThat(Redactor.redactText("{\"name\":\"x\",\"password\":\"" + S + "\",\"OAuthPvtKey\" : \"" + S + "\"}", Set.of(), Set.of()))
                .isEqualTo("{\"name\":\"x\",\"password\":\"***\",\"OAuthPvtKey\" : \"***\"}");
        // a driver echoing the host it could not resolve: only the known value gives it away
        assertThat(Redactor.redactText("UnknownHostException: postgres:" + S + "@127.0.0.1", Set.of(), Set.of(S)))
                .isEqualTo("UnknownHostException: postgres:***@127.0.0.1");
        assertThat(Redactor.redactText("short abc here", Set.of(), Set.of("abc"))).isEqualTo("short abc here");
    }

    @Test
    void specSecretOptionsAreTheHook() {
        String withSpecSecret = "jdbc:x://h/db?tenantSalt=" + S + "&region=eu";
        assertThat(Redactor.redactUrl(withSpecSecret)).contains(S);
        assertThat(Redactor.redactUrl(withSpecSecret, Set.of("TENANT_SALT"))).isEqualTo("jdbc:x://h/db?tenantSalt=***&region=eu");
        assertThat(Redactor.redactOptions(Map.of("tenantSalt", S), Set.of("tenantSalt"))).containsEntry("tenantSalt", "***");
        assertThat(Redactor.secretValues(withSpecSecret, Optional.empty(), Map.of(), Set.of("tenantSalt"))).contains(S);
    }

    @Test
    void secretValuesCollectEveryFormButNotUserNamesOrSettings() {
        Set<String> values = Redactor.secretValues("jdbc:mysql://root:" + S + "1@h/db?pass%77ord=" + S + "2&useAuth=true",
                Optional.of(S + "3"), Map.of("OAuthPvtKey", S + "4", "ApplicationName", "dbspec"), Set.of());
        assertThat(values).contains(S + "1", S + "2", S + "3", S + "4").doesNotContain("root", "dbspec");
        assertThat(Redactor.secretValues("jdbc:postgresql://alice@h/db", Optional.empty(), Map.of(), Set.of())).isEmpty();
        assertThat(Redactor.maskableEverywhere("true")).isFalse();
    }

    @Test
    void outlineMasksEveryOptionValue() {
        assertThat(Redactor.outlineUrl("jdbc:postgresql://a:" + S + "@h:5432/db?tenantSalt=" + S + "&ssl=true"))
                .isEqualTo("jdbc:postgresql://a:***@h:5432/db?tenantSalt=***&ssl=***");
    }
}
