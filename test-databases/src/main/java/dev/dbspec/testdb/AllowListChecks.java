package dev.dbspec.testdb;

import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.dbspec.api.ConnectionOption;
import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.OptionContext;
import dev.dbspec.api.UnsafeUrlException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * The kit's checks of a spec's connection-option allow-list, made from the spec's own declarations
 * ({@link EngineSpec#connectionOptions()}, {@link EngineSpec#forbiddenUrlOptions()}) and the hooks of
 * {@link EngineSpecContract} that say how this engine writes an option in a URL, so that every connector
 * gets the same checks without writing them again. Failures name the option, the URL or property that
 * was vetted, and the hook to override when a default does not fit the engine.
 */
final class AllowListChecks {
    /** The host of {@link EngineSpecContract#sampleUrl()}, where host blocks are written. */
    static final String SAMPLE_HOST = "db.example.com";
    /** An option name no driver knows. */
    static final String UNKNOWN_OPTION = "dbspecNoSuchOption";

    private static final String CLASS_NAME = "org.example.Evil";
    private static final Pattern NAMES_A_CLASS = Pattern.compile(
            "(?i).*(factory|class|provider|plugin|callback|verifier|handler|interceptor|listener|loader|impl).*");
    private static final Pattern NAMES_A_CREDENTIAL = Pattern.compile(
            ".*(password|passwd|pwd|secret|token|passcode|secretkey|accesskey|encryptionkey|apikey|credentials|authorization|jwt)"
                    + "|.*(privatekey|pvtkey).*");
    private static final String HINT_URL = " (if this engine writes URL options another way, override urlWithOption(String, String, String)"
            + " in the test)";
    private static final OptionContext ANY_PATH = new OptionContext(Optional.empty());
    /** Values a refused option is tried with: a driver that parses options by type may refuse some of them as unreadable. */
    private static final List<String> VALUES = List.of("x", "true", "1");
    private static final Pattern OPTION_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");

    private final EngineSpecContract contract;
    private final EngineSpec spec;
    private final ConnectionOptions options;
    private final String sampleUrl;

    AllowListChecks(EngineSpecContract contract) {
        this.contract = requireNonNull(contract, "contract is null");
        this.spec = requireNonNull(contract.spec(), "spec() is null");
        this.options = spec.connectionOptions();
        this.sampleUrl = contract.sampleUrl();
    }

    /** Whether {@code name} reads as an option holding a credential (password, token, secret, private key...). */
    static boolean namesACredential(String name) {
        return NAMES_A_CREDENTIAL.matcher(name.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "")).matches();
    }

    /** Each option refused by name (lower-case name to reason), the legacy {@code forbiddenUrlOptions} included. */
    private Map<String, String> refused() {
        Map<String, String> refused = new TreeMap<>(options.refusedOptions());
        spec.forbiddenUrlOptions().forEach((name, reason) -> refused.putIfAbsent(name.toLowerCase(Locale.ROOT), reason));
        return refused;
    }

    /** Three dynamic tests per refused option: in the URL, as a property (each in three cases), and in other spellings. */
    Stream<DynamicTest> refusedOptions() {
        return refused().entrySet().stream().flatMap(entry -> {
            String name = entry.getKey();
            String reason = entry.getValue();
            return Stream.of(
                    dynamicTest(name + " is refused in the URL with its reason, in any case", () -> refusedInTheUrl(name, reason)),
                    dynamicTest(name + " is refused as a property with its reason, in any case", () -> refusedAsAProperty(name, reason)),
                    dynamicTest(name + " is refused escaped, percent-encoded, dotless, twice, hidden in a value or in a host block",
                            () -> refusedInOtherSpellings(name)));
        });
    }

    private void refusedInTheUrl(String name, String reason) {
        for (String spelled : cases(name)) {
            List<String> urls = new ArrayList<>();
            for (String value : VALUES) {
                contract.urlWithOption(sampleUrl, spelled, value).ifPresent(urls::add);
            }
            requireReason(spelled, reason, urls.stream()
                    .map(url -> Map.entry("the URL " + url, refusal("the URL " + url, () -> vet(url, credentialsWithout(spelled)))))
                    .toList());
        }
    }

    private void refusedAsAProperty(String name, String reason) {
        for (String spelled : cases(name)) {
            List<Map.Entry<String, UnsafeUrlException>> refusals = new ArrayList<>();
            for (String value : VALUES) {
                Properties properties = credentialsWithout(spelled);
                properties.setProperty(spelled, value);
                String where = "property " + spelled + "=" + value + " with " + sampleUrl;
                refusals.add(Map.entry(where, refusal(where, () -> vet(sampleUrl, properties))));
            }
            requireReason(spelled, reason, refusals);
        }
    }

    /**
     * Each way of writing the option was refused; at least one (with a value the driver's parser can read) names it and
     * gives its reason. The name may be the driver's alias for it (Connector/J reads namedPipePath as path), refused for
     * the same reason. A name that cannot be an option name ({@code @}) is refused for that, whatever its reason.
     */
    private void requireReason(String spelled, String reason, List<Map.Entry<String, UnsafeUrlException>> refusals) {
        if (refusals.isEmpty() || !OPTION_NAME.matcher(spelled).matches()) {
            return;
        }
        Map<String, String> refused = refused();
        boolean named = refusals.stream().map(Map.Entry::getValue).anyMatch(refusal -> refusal.getMessage().contains(reason)
                && (refusal.option().equalsIgnoreCase(spelled) || reason.equals(refused.get(refusal.option().toLowerCase(Locale.ROOT)))));
        if (!named) {
            Map.Entry<String, UnsafeUrlException> first = refusals.get(0);
            throw new AssertionError(spec.id() + ": " + first.getKey() + " was refused, but not as option '" + spelled + "' with its reason '"
                    + reason + "': " + first.getValue().getMessage() + (first.getKey().startsWith("the URL") ? HINT_URL : ""), first.getValue());
        }
    }

    private void refusedInOtherSpellings(String name) {
        Set<String> names = new LinkedHashSet<>();
        names.add(name.charAt(0) + "\\" + name.substring(1)); // an escape some parsers drop
        if (name.length() > 1) {
            names.add(name.charAt(0) + String.format(Locale.ROOT, "%%%02X", (int) name.charAt(1)) + name.substring(2)); // percent-encoded
        }
        if (name.indexOf('i') >= 0) {
            names.add(name.replaceFirst("i", "\u0131")); // dotless i: upper-cases to I, as a driver comparing in upper case reads it
        }
        List<String> urls = new ArrayList<>();
        for (String spelled : names) {
            contract.urlWithOption(sampleUrl, spelled, "x").ifPresent(urls::add);
            Properties properties = credentialsWithout(spelled);
            properties.setProperty(spelled, "x");
            refusedOrNotRead("property " + printable(spelled), sampleUrl, properties, spelled);
        }
        contract.urlWithOption(sampleUrl, name, "x").flatMap(url -> contract.urlWithOption(url, flipCase(name), "x")).ifPresent(urls::add);
        if (sampleUrl.contains(SAMPLE_HOST)) {
            urls.add(sampleUrl.replaceFirst(Pattern.quote(SAMPLE_HOST), "(host=" + SAMPLE_HOST + "," + name + "=x)"));
        }
        for (String url : urls) {
            refusal("the URL " + printable(url), () -> vet(url, contract.sampleCredentials()));
        }
        for (String separator : otherSeparators()) {
            String url = sampleUrl + separator + name + "=x";
            refusedOrNotRead("the URL " + url, url, contract.sampleCredentials(), name);
            contract.urlWithOption(sampleUrl, "user", "sample" + separator + name + "=x")
                    .ifPresent(hidden -> refusedOrNotRead("the URL " + hidden, hidden, credentialsWithout("user"), name));
        }
    }

    /** The separators of the other syntaxes, which some drivers read and a check of this syntax would not. */
    private List<String> otherSeparators() {
        return switch (options.syntax()) {
            case QUERY -> List.of(";");
            case SEMICOLON -> List.of("?", "&");
            case NONE -> List.of(";", "?", "&");
        };
    }

    /**
     * Per allowed option that has a sample value and is not already in the sample URL, a dynamic test that it vets and,
     * for a spec with a strict parser, one that it is refused when given twice.
     */
    Stream<DynamicTest> allowedOptions() {
        Set<String> inSampleUrl = optionsOfTheSampleUrl();
        return options.allowedOptions().values().stream()
                .sorted(Comparator.comparing(ConnectionOption::name, String.CASE_INSENSITIVE_ORDER))
                .filter(option -> !inSampleUrl.contains(option.name().toLowerCase(Locale.ROOT)))
                .flatMap(option -> contract.sampleValue(option.name()).stream().flatMap(sample -> {
                    String shown = option.name() + "=" + (option.secret() ? "<secret>" : sample);
                    List<DynamicTest> tests = new ArrayList<>();
                    tests.add(dynamicTest(shown + " vets in the URL and as a property", () -> vetsWithSample(option, sample)));
                    if (!contract.readsOptionsWithTheDriversParser() && !flipCase(option.name()).equals(option.name())) {
                        // With the driver's own parser, the driver decides which of the two it reads and the spec vets that one.
                        tests.add(dynamicTest(shown + " given twice is refused", () -> refusedTwice(option.name(), sample)));
                    }
                    // With the driver's own parser, the spec vets the value the driver reads (Connector/J reads DıSABLED as DISABLED).
                    String dotless = sample.replaceFirst("[iI]", "\u0131");
                    if (!dotless.equals(sample) && !option.secret() && !contract.readsOptionsWithTheDriversParser()) {
                        tests.add(dynamicTest(option.name() + "=" + dotless + " (dotless i) is refused in the URL",
                                () -> refusedWithDotlessValue(option.name(), dotless)));
                    }
                    return tests.stream();
                }));
    }

    private Set<String> optionsOfTheSampleUrl() {
        Set<String> names = new TreeSet<>();
        try {
            spec.driverOptions(sampleUrl, new Properties()).keySet().forEach(name -> names.add(name.toLowerCase(Locale.ROOT)));
        } catch (RuntimeException e) {
            // theUrlTemplateVets reports a sample URL the spec cannot read.
        }
        return names;
    }

    private void vetsWithSample(ConnectionOption option, String sample) {
        String name = option.name();
        String hint = " (if the sample value does not fit the option, give its rule one with OptionRule.of(description, sampleValue, refusal)"
                + " or override sampleValue(String) in the test)";
        Optional<String> url = contract.urlWithOption(sampleUrl, name, sample);
        if (url.isPresent()) {
            vets("the URL " + url.get(), () -> vet(url.get(), credentialsWithout(name)), hint + HINT_URL);
        }
        Properties properties = credentialsWithout(name);
        properties.setProperty(name, sample);
        vets("property " + name + " with " + sampleUrl, () -> vet(sampleUrl, properties), hint);
    }

    private void refusedTwice(String name, String sample) {
        String other = flipCase(name);
        Optional<String> url = contract.urlWithOption(sampleUrl, name, sample);
        url.flatMap(once -> contract.urlWithOption(once, other, sample))
                .ifPresent(twice -> refusal("the URL " + twice, () -> vet(twice, credentialsWithout(name))));
        if (url.isPresent()) {
            Properties properties = credentialsWithout(name);
            properties.setProperty(other, sample);
            refusal("the URL " + url.get() + " with property " + other, () -> vet(url.get(), properties));
        }
        Properties properties = credentialsWithout(name);
        properties.setProperty(name, sample);
        properties.setProperty(other, sample);
        refusal("properties " + name + " and " + other, () -> vet(sampleUrl, properties));
    }

    /**
     * A value spelled with a dotless {@code ı} is refused in the URL: compared without regard to case (as rules and
     * drivers do), {@code verıfy-full} is {@code verify-full} to one reader and an unknown word to another.
     */
    private void refusedWithDotlessValue(String name, String dotless) {
        contract.urlWithOption(sampleUrl, name, dotless)
                .ifPresent(url -> refusal("the URL " + printable(url), () -> vet(url, credentialsWithout(name))));
    }

    /** One dynamic test per entry of {@link EngineSpecContract#refusedValues()}: refused in the URL and as a property. */
    Stream<DynamicTest> refusedValues() {
        return new TreeMap<>(contract.refusedValues()).entrySet().stream()
                .map(entry -> dynamicTest(entry.getKey() + " is refused: " + entry.getValue(), () -> refusedValue(entry.getKey(), entry.getValue())));
    }

    private void refusedValue(String option, String reason) {
        int equals = option.indexOf('=');
        if (equals <= 0) {
            throw new AssertionError(spec.id() + ": refusedValues() names options as name=value, not " + option);
        }
        String name = option.substring(0, equals);
        String value = option.substring(equals + 1);
        if (optionsOfTheSampleUrl().contains(name.toLowerCase(Locale.ROOT))) {
            // The sample URL sets it already (BigQuery's OAuthType): written there with the refused value, not given twice.
            String url = sampleUrl.replaceFirst("(?i)(?<=[^A-Za-z0-9_.])" + Pattern.quote(name) + "=[^;&,?]*", name + "=" + value);
            requireValueRefusal(refusal("the URL " + url, () -> vet(url, contract.sampleCredentials())), name, reason, "the URL " + url);
            return;
        }
        Optional<String> url = contract.urlWithOption(sampleUrl, name, value);
        if (url.isPresent()) {
            requireValueRefusal(refusal("the URL " + url.get(), () -> vet(url.get(), credentialsWithout(name))), name, reason, "the URL " + url.get());
        }
        Properties properties = credentialsWithout(name);
        properties.setProperty(name, value);
        requireValueRefusal(refusal("property " + option, () -> vet(sampleUrl, properties)), name, reason, "property " + option);
    }

    private void requireValueRefusal(UnsafeUrlException refusal, String name, String reason, String where) {
        if (!refusal.option().equalsIgnoreCase(name) || !refusal.getMessage().contains(reason)) {
            throw new AssertionError(spec.id() + ": " + where + " was refused, but not as option '" + name + "' saying '" + reason + "': "
                    + refusal.getMessage(), refusal);
        }
    }

    /** An option name no driver knows is refused as not on the allow-list, in the URL and as a property. */
    void unknownOptionIsRefused() {
        Optional<String> url = contract.urlWithOption(sampleUrl, UNKNOWN_OPTION, "1");
        if (url.isPresent()) {
            requireOffTheList(refusal("the URL " + url.get(), () -> vet(url.get(), contract.sampleCredentials())), "the URL " + url.get());
        }
        Properties properties = contract.sampleCredentials();
        properties.setProperty(UNKNOWN_OPTION, "1");
        refusedOrNotRead("property " + UNKNOWN_OPTION, sampleUrl, properties, UNKNOWN_OPTION).ifPresent(refusal -> requireOffTheList(refusal,
                "property " + UNKNOWN_OPTION));
    }

    /**
     * {@code url} with {@code properties} is refused; or, for a spec that reads options with the driver's own parser,
     * accepted only when that parser does not read the option {@code name} from them (H2 ignores property names it
     * does not know, and reads {@code mem:sales?init=x} as a database name).
     */
    private Optional<UnsafeUrlException> refusedOrNotRead(String what, String url, Properties properties, String name) {
        if (contract.readsOptionsWithTheDriversParser()) {
            try {
                vet(url, properties);
            } catch (UnsafeUrlException e) {
                return Optional.of(e);
            }
            if (spec.driverOptions(url, properties).keySet().stream().anyMatch(name::equalsIgnoreCase)) {
                throw new AssertionError(spec.id() + ": " + what + " was accepted although the driver reads option " + name);
            }
            return Optional.empty();
        }
        return Optional.of(refusal(what, () -> vet(url, properties)));
    }

    private void requireOffTheList(UnsafeUrlException refusal, String where) {
        if (contract.readsOptionsWithTheDriversParser()) {
            return; // the driver's parser may refuse a name it does not know in its own words (H2: unsupported connection setting)
        }
        if (!refusal.option().equalsIgnoreCase(UNKNOWN_OPTION) || !refusal.getMessage().contains("allow-list")) {
            throw new AssertionError(spec.id() + ": " + where + " was refused, but not as option '" + UNKNOWN_OPTION
                    + "' that is not on the allow-list: " + refusal.getMessage() + (where.startsWith("the URL") ? HINT_URL : ""), refusal);
        }
    }

    /** Allowed options whose names say they hold a credential, and whose rule takes any text, are secrets. */
    void credentialsAreSecret() {
        List<String> notSecret = options.allowedOptions().values().stream()
                .filter(option -> !option.secret() && contract.holdsACredential(option.name()))
                .filter(option -> option.rule().refusal("any text", ANY_PATH).isEmpty())
                .map(ConnectionOption::name)
                .toList();
        if (!notSecret.isEmpty()) {
            throw new AssertionError(spec.id() + ": options that hold credentials must be allowed with .secret(...) (masked, encrypted at rest): "
                    + notSecret + " (if one is not a credential, override holdsACredential(String) in the test)");
        }
    }

    /** Allowed options whose names say they name a class (factories, providers, plug-ins...) do not accept a class name. */
    void classOptionsTakeNoClassName() {
        List<String> loadsClasses = options.allowedOptions().values().stream()
                .filter(option -> NAMES_A_CLASS.matcher(option.name()).matches())
                .filter(option -> option.rule().refusal(CLASS_NAME, ANY_PATH).isEmpty())
                .map(ConnectionOption::name)
                .toList();
        if (!loadsClasses.isEmpty()) {
            throw new AssertionError(spec.id() + ": options named like a class, factory, provider or plug-in are allowed with a rule that accepts"
                    + " the class name " + CLASS_NAME + ": " + loadsClasses + "; a driver loads such a class in the host: refuse them"
                    + " with .refuse(reason, names...) in connectionOptions(), or allow only fixed words with OptionRule.oneOf(...)");
        }
    }

    /** The options a connector's test names in {@link EngineSpecContract#refusedByName()} are still refused by name. */
    void namedRefusalsHold() {
        Map<String, String> refused = refused();
        List<String> lost = contract.refusedByName().stream().filter(name -> !refused.containsKey(name.toLowerCase(Locale.ROOT))).toList();
        if (!lost.isEmpty()) {
            throw new AssertionError(spec.id() + ": options the test says must be refused by name are no longer refused in connectionOptions(): "
                    + lost + " (allowed, or dropped from the list: refuse each with .refuse(reason, names...))");
        }
    }

    /** The connector's typical URLs vet with the sample credentials. */
    void typicalUrlsVet() {
        for (String url : contract.typicalUrls()) {
            vets("the typical URL " + url, () -> vet(url, contract.sampleCredentials()), "");
        }
    }

    private void vet(String url, Properties properties) {
        spec.vetConnection(url, properties, Optional.empty());
    }

    private UnsafeUrlException refusal(String what, Runnable vet) {
        try {
            vet.run();
        } catch (UnsafeUrlException e) {
            return e;
        } catch (RuntimeException e) {
            throw new AssertionError(spec.id() + ": " + what + " threw " + e + " instead of UnsafeUrlException", e);
        }
        throw new AssertionError(spec.id() + ": " + what + " was accepted; it must be refused");
    }

    private void vets(String what, Runnable vet, String hint) {
        try {
            vet.run();
        } catch (RuntimeException e) {
            throw new AssertionError(spec.id() + ": " + what + " was refused: " + e.getMessage() + hint, e);
        }
    }

    /** The sample credentials without any property named {@code name} in another case (it would be a duplicate). */
    private Properties credentialsWithout(String name) {
        Properties credentials = contract.sampleCredentials();
        credentials.stringPropertyNames().stream().filter(name::equalsIgnoreCase).forEach(credentials::remove);
        return credentials;
    }

    private static Set<String> cases(String name) {
        Set<String> cases = new LinkedHashSet<>();
        cases.add(name.toLowerCase(Locale.ROOT));
        cases.add(name.toUpperCase(Locale.ROOT));
        StringBuilder mixed = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            mixed.append(i % 2 == 0 ? Character.toUpperCase(c) : Character.toLowerCase(c));
        }
        cases.add(mixed.toString());
        return cases;
    }

    private static String flipCase(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return upper.equals(name) ? name.toLowerCase(Locale.ROOT) : upper;
    }

    private static String printable(String text) {
        return text.replace("\u0131", "\\u0131");
    }
}
