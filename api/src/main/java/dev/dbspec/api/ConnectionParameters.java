package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An engine's connection parameters as data (Superset's {@code parameters_schema} and {@code BasicParametersMixin}): the
 * fields a user fills in instead of writing a JDBC URL, the extra driver options allowed under {@code options}, the
 * JSON Schema of both, and the two directions between parameters and a URL.
 *
 * <p>Made from the engine's URL template ({@link #fromTemplate}): each {@code {placeholder}} becomes a parameter
 * ({@code {file}} becomes {@code path}), {@code username} and {@code password} are added, and {@code options} holds the
 * options the allow-list ({@link ConnectionOptions}) allows beyond those the template writes. Building a URL writes the
 * placeholders' values into the template and gives the user, the password and the options as driver properties, never
 * in the URL text. A placeholder's value is limited to characters no URL syntax reads as a separator, escape or
 * credential ({@code ; & ? / @ % :} outside host brackets, control and non-ASCII characters): a value the URL cannot
 * carry as it is, is refused, never escaped into something a driver could read differently. Paths and locations
 * (Athena's {@code s3_output}) may contain {@code /}; only locations may contain {@code :}.
 *
 * <p>Canonical parameter maps (what {@link #parse} and {@link #normalize} give) hold {@code String}, {@code Long} and
 * {@code Boolean} values; {@code options} is a map from the allow-list's option names to such values.
 */
public final class ConnectionParameters {
    /** What a secret's value is shown as (Superset's {@code PASSWORD_MASK}). */
    public static final String MASK = "********";
    /** The parameter holding the extra driver options. */
    public static final String OPTIONS = "options";
    /** The parameter given to the driver as the property {@code user}. */
    public static final String USERNAME = "username";
    /** The parameter given to the driver as the property {@code password}. */
    public static final String PASSWORD = "password";
    /** The JSON Schema dialect of {@link #jsonSchema()}. */
    public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z][a-z0-9_]*)}");
    private static final Pattern INTEGRAL = Pattern.compile("-?[0-9]{1,18}");

    /** What a placeholder's value may be. */
    private enum Kind {
        HOST("(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]{2,45}\\])", 255,
                "must be a host name (letters, digits, '-' and '.') or an IP address, IPv6 in brackets"),
        PORT("[0-9]{1,5}", 5, "must be an integer from 1 to 65535"),
        NAME("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}", 128,
                "must be 1 to 128 ASCII letters, digits, '_', '.' or '-' (other characters would be read as URL syntax)"),
        LOCATION("[A-Za-z0-9_./:-]{1,1024}", 1024,
                "must be 1 to 1024 ASCII letters, digits, '_', '.', '/', ':' or '-' (other characters would be read as URL syntax)"),
        PATH("[A-Za-z0-9_./-]{1,4096}", 4096,
                "must be a path of ASCII letters, digits, '_', '.', '/' or '-' (other characters would be read as URL syntax)");

        final String regex;
        final long maxLength;
        final String rule;
        final Pattern pattern;

        Kind(String regex, long maxLength, String rule) {
            this.regex = regex;
            this.maxLength = maxLength;
            this.rule = rule;
            this.pattern = Pattern.compile(regex);
        }

        /** Whether a value of this kind may contain {@code c} (for a template's separators). */
        boolean mayContain(char c) {
            return switch (this) {
                // ':' only inside brackets, which delimit themselves
                case HOST -> Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '[' || c == ']';
                case PORT -> c >= '0' && c <= '9';
                case NAME -> Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
                case LOCATION -> Character.isLetterOrDigit(c) || "_./:-".indexOf(c) >= 0;
                case PATH -> Character.isLetterOrDigit(c) || "_./-".indexOf(c) >= 0;
            };
        }
    }

    /** A piece of the URL template: literal text, or a placeholder filled by a parameter. */
    private record Segment(String literal, String placeholder, String parameter, Kind kind) {
        boolean isLiteral() {
            return literal != null;
        }
    }

    private final String engineId;
    private final String title;
    private final List<Segment> template;
    private final ConnectionOptions.Syntax syntax;
    private final boolean templateHasQuery;
    private final Map<String, ParameterSpec> parameters;
    private final Map<String, Kind> kinds;
    private final Map<String, ParameterSpec> options;
    private final Set<String> templateOptions;
    private final ConnectionOptions connectionOptions;
    private final Pattern urlPattern;

    private ConnectionParameters(String engineId, String title, List<Segment> template, Map<String, ParameterSpec> parameters,
                                 Map<String, Kind> kinds, Set<String> templateOptions, ConnectionOptions connectionOptions) {
        this.engineId = engineId;
        this.title = title;
        this.template = List.copyOf(template);
        this.syntax = connectionOptions.syntax();
        this.templateHasQuery = template.stream().anyMatch(segment -> segment.isLiteral() && segment.literal().indexOf('?') >= 0);
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        this.kinds = Map.copyOf(kinds);
        this.templateOptions = Set.copyOf(templateOptions);
        this.connectionOptions = connectionOptions;
        Map<String, ParameterSpec> extras = new TreeMap<>();
        connectionOptions.allowedOptions().forEach((key, option) -> {
            if (!key.equals("user") && !key.equals("password") && !templateOptions.contains(key)) {
                extras.put(option.name(), option.rule().asParameter(option.name(), option.secret()));
            }
        });
        this.options = Collections.unmodifiableMap(extras);
        StringBuilder regex = new StringBuilder();
        for (Segment segment : template) {
            regex.append(segment.isLiteral() ? Pattern.quote(segment.literal()) : "(" + segment.kind().regex + ")"
                    + (parameters.get(segment.parameter()).required() || segment.kind() == Kind.PORT ? "" : "?"));
        }
        this.urlPattern = Pattern.compile(regex + "(.*)", Pattern.DOTALL);
    }

    /**
     * The parameters of an engine whose URLs follow {@code urlTemplate}; empty when the template cannot be read both
     * ways (two placeholders without text between them, a placeholder used twice, or text after a placeholder that its
     * value could contain).
     *
     * @param title          for the schema's title, for example the engine's display name
     * @param defaultPort    the value of {@code {port}} when none is given
     * @param options        the engine's allow-list: the extra options and their rules, and how the URL writes options
     */
    public static Optional<ConnectionParameters> fromTemplate(String engineId, String title, String urlTemplate, OptionalInt defaultPort,
                                                             ConnectionOptions options) {
        requireNonNull(engineId, "engineId is null");
        requireNonNull(title, "title is null");
        requireNonNull(urlTemplate, "urlTemplate is null");
        requireNonNull(defaultPort, "defaultPort is null");
        requireNonNull(options, "options is null");
        List<Segment> segments = new ArrayList<>();
        Map<String, ParameterSpec> parameters = new LinkedHashMap<>();
        Map<String, Kind> kinds = new LinkedHashMap<>();
        Matcher matcher = PLACEHOLDER.matcher(urlTemplate);
        int at = 0;
        while (matcher.find()) {
            if (matcher.start() > at) {
                segments.add(new Segment(urlTemplate.substring(at, matcher.start()), null, null, null));
            } else if (!segments.isEmpty()) {
                return Optional.empty(); // two placeholders side by side: no way to tell where one value ends
            }
            String placeholder = matcher.group(1);
            Kind kind = kindOf(placeholder);
            String parameter = kind == Kind.PATH ? "path" : placeholder;
            if (parameters.containsKey(parameter)) {
                return Optional.empty();
            }
            parameters.put(parameter, spec(parameter, kind, defaultPort));
            kinds.put(parameter, kind);
            segments.add(new Segment(null, placeholder, parameter, kind));
            at = matcher.end();
        }
        if (at < urlTemplate.length()) {
            segments.add(new Segment(urlTemplate.substring(at), null, null, null));
        } else if (kinds.get(segments.get(segments.size() - 1).parameter()) == Kind.PATH) {
            // jdbc:sqlite: and jdbc:duckdb: without a path open an in-memory database: the path may be left out
            String path = segments.get(segments.size() - 1).parameter();
            parameters.put(path, ParameterSpec.string(path, false, "The path of the database file; none for an in-memory database",
                    "^" + Kind.PATH.regex + "$", Kind.PATH.maxLength));
        }
        if (kinds.isEmpty() || urlTemplate.indexOf('{', at) >= 0 || urlTemplate.substring(at).indexOf('}') >= 0) {
            return Optional.empty();
        }
        for (int i = 0; i + 1 < segments.size(); i++) {
            Segment segment = segments.get(i);
            if (!segment.isLiteral() && segment.kind().mayContain(segments.get(i + 1).literal().charAt(0))) {
                return Optional.empty(); // the value could run into the text after it
            }
        }
        // Options written by the template's text (?db=, ;databaseName=, ;create=true): given by their parameter, never as extras.
        Set<String> templateOptions = new TreeSet<>();
        Matcher written = Pattern.compile("[;?&/,:]([A-Za-z_][A-Za-z0-9_.]*)=").matcher(urlTemplate.replaceAll("\\{[a-z0-9_]+}", "x"));
        while (written.find()) {
            templateOptions.add(written.group(1).toLowerCase(Locale.ROOT));
        }
        parameters.put(USERNAME, ParameterSpec.string(USERNAME, false,
                "The user name, given to the driver as the property 'user' (never written into the URL)",
                "^[^;&?%\\\\()\\x00-\\x1F\\x7F-\\uFFFF]*$", 256));
        parameters.put(PASSWORD, ParameterSpec.secret(PASSWORD,
                "The password, given to the driver as the property 'password'; never shown, sealed at rest", 4096));
        return Optional.of(new ConnectionParameters(engineId, title, segments, parameters, kinds, templateOptions, options));
    }

    private static Kind kindOf(String placeholder) {
        return switch (placeholder) {
            case "host" -> Kind.HOST;
            case "port" -> Kind.PORT;
            case "file", "path" -> Kind.PATH;
            default -> placeholder.contains("path") || placeholder.contains("output") || placeholder.contains("location")
                    || placeholder.contains("url") ? Kind.LOCATION : Kind.NAME;
        };
    }

    private static ParameterSpec spec(String parameter, Kind kind, OptionalInt defaultPort) {
        return switch (kind) {
            case HOST -> ParameterSpec.string(parameter, true, "The server's host name or IP address", "^" + kind.regex + "$", kind.maxLength);
            case PORT -> ParameterSpec.integer(parameter, defaultPort.isEmpty(), "The server's TCP port", 1, 65535,
                    defaultPort.isPresent() ? Optional.of((Object) (long) defaultPort.getAsInt()) : Optional.empty());
            case PATH -> ParameterSpec.string(parameter, true, "The path of the database file", "^" + kind.regex + "$", kind.maxLength);
            case NAME, LOCATION -> ParameterSpec.string(parameter, true, switch (parameter) {
                case "database" -> "The database to connect to";
                case "catalog" -> "The catalog to connect to";
                default -> "The value of {" + parameter + "} in the URL template";
            }, "^" + kind.regex + "$", kind.maxLength);
        };
    }

    /** The engine these parameters are for. */
    public String engineId() {
        return engineId;
    }

    /** The top-level parameters in form order (the template's placeholders, {@code username}, {@code password}), without {@code options}. */
    public List<ParameterSpec> parameters() {
        return List.copyOf(parameters.values());
    }

    /** The extra options allowed under {@code options}, by the allow-list's name, secret ones marked {@link ParameterSpec#secret()}. */
    public List<ParameterSpec> options() {
        return List.copyOf(options.values());
    }

    /** Whether the top-level parameter or the option {@code name} holds a secret. */
    public boolean isSecret(String name) {
        ParameterSpec parameter = parameters.get(name);
        return parameter != null ? parameter.secret() : connectionOptions.isSecret(name);
    }

    // ---- JSON Schema ----------------------------------------------------------------------------

    /**
     * The parameters as a JSON Schema (draft 2020-12) document, as a tree of maps, lists, strings, numbers and booleans:
     * one property per parameter with its type, bounds, pattern and default; {@code options} an object with one property
     * per allowed option; secrets {@code "writeOnly": true, "format": "password"}; no other property allowed.
     */
    public Map<String, Object> jsonSchema() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", DIALECT);
        schema.put("$id", "urn:dbspec:engine:" + engineId + ":connection-parameters");
        schema.put("title", title + " connection parameters");
        schema.put("type", "object");
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (ParameterSpec parameter : parameters.values()) {
            properties.put(parameter.name(), property(parameter));
            if (parameter.required()) {
                required.add(parameter.name());
            }
        }
        Map<String, Object> optionsSchema = new LinkedHashMap<>();
        optionsSchema.put("type", "object");
        optionsSchema.put("description", "Extra driver options, given to the driver as properties; only those listed are allowed");
        Map<String, Object> optionProperties = new LinkedHashMap<>();
        options.values().forEach(option -> optionProperties.put(option.name(), property(option)));
        optionsSchema.put("properties", optionProperties);
        optionsSchema.put("additionalProperties", false);
        properties.put(OPTIONS, optionsSchema);
        schema.put("properties", properties);
        schema.put("required", required);
        schema.put("additionalProperties", false);
        return schema;
    }

    private static Map<String, Object> property(ParameterSpec parameter) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", parameter.type().jsonType());
        json.put("description", parameter.description());
        parameter.defaultValue().ifPresent(value -> json.put("default", value));
        if (!parameter.allowedValues().isEmpty()) {
            json.put("enum", parameter.allowedValues());
        }
        parameter.minimum().ifPresent(value -> json.put("minimum", value));
        parameter.maximum().ifPresent(value -> json.put("maximum", value));
        parameter.pattern().ifPresent(value -> json.put("pattern", value));
        parameter.maxLength().ifPresent(value -> json.put("maxLength", value));
        if (parameter.secret()) {
            json.put("writeOnly", true);
            json.put("format", "password");
        }
        return json;
    }

    /** {@link #jsonSchema()} as JSON text. */
    public String jsonSchemaText() {
        StringBuilder out = new StringBuilder();
        writeJson(jsonSchema(), out);
        return out.toString();
    }

    private static void writeJson(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                writeJson(String.valueOf(entry.getKey()), out);
                out.append(':');
                writeJson(entry.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                writeJson(list.get(i), out);
            }
            out.append(']');
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else {
            String text = value.toString();
            out.append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20 || c > 0x7e) {
                            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
    }

    // ---- validation -----------------------------------------------------------------------------

    /**
     * One message per refused field, sorted by field ({@code port}, {@code options.sslmode}...); empty when
     * {@code parameters} are valid: a required parameter missing, a value of the wrong JSON type, a string its pattern
     * refuses, a port out of range, an unknown parameter, an option that is not allowed, is refused by name, is written
     * by the template, is given twice or whose value its rule refuses. Messages never quote a value.
     */
    public Map<String, String> validate(Map<String, ?> parameters) {
        requireNonNull(parameters, "parameters is null");
        Map<String, String> errors = new TreeMap<>();
        for (String name : parameters.keySet()) {
            if (name == null || (!this.parameters.containsKey(name) && !name.equals(OPTIONS))) {
                errors.put(String.valueOf(name), "unknown parameter; known: " + String.join(", ", this.parameters.keySet()) + ", " + OPTIONS);
            }
        }
        for (ParameterSpec parameter : this.parameters.values()) {
            Object value = parameters.get(parameter.name());
            if (value == null) {
                if (parameter.required() && parameter.defaultValue().isEmpty()) {
                    errors.put(parameter.name(), "is required");
                }
                continue;
            }
            check(parameter, value, kinds.get(parameter.name())).ifPresent(error -> errors.put(parameter.name(), error));
        }
        if (!errors.containsKey(USERNAME) && parameters.get(USERNAME) instanceof String user) {
            connectionOptions.allowed("user").flatMap(option -> option.rule().refusal(user, OptionContext.unconfined()))
                    .ifPresent(refusal -> errors.put(USERNAME, refusal));
        }
        Object options = parameters.get(OPTIONS);
        if (options != null && !(options instanceof Map<?, ?>)) {
            errors.put(OPTIONS, "must be an object of option names to values");
        } else if (options != null) {
            Set<String> seen = new TreeSet<>();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) options).entrySet()) {
                String name = String.valueOf(entry.getKey());
                String field = OPTIONS + "." + name;
                String key = name.toLowerCase(Locale.ROOT);
                if (!seen.add(key)) {
                    errors.put(field, "is given twice (in two cases)");
                } else if (key.equals("user") || key.equals("password")) {
                    errors.put(field, "give it as the parameter '" + (key.equals("user") ? USERNAME : PASSWORD) + "'");
                } else if (templateOptions.contains(key)) {
                    errors.put(field, "the URL template writes this option; give its parameter instead");
                } else if (connectionOptions.refusal(name).isPresent()) {
                    errors.put(field, "is refused: " + connectionOptions.refusal(name).get());
                } else if (connectionOptions.allowed(name).isEmpty()) {
                    errors.put(field, "is not on this engine's allow-list of connection options");
                } else {
                    ConnectionOption allowed = connectionOptions.allowed(name).get();
                    ParameterSpec spec = options().stream().filter(option -> option.name().equals(allowed.name())).findFirst().orElseThrow();
                    Optional<String> error = entry.getValue() == null ? Optional.of("must not be null") : check(spec, entry.getValue(), null);
                    if (error.isEmpty()) {
                        error = allowed.rule().refusal(text(entry.getValue()), OptionContext.unconfined()).map(refusal -> "its value " + refusal);
                    }
                    error.ifPresent(message -> errors.put(field, message));
                }
            }
        }
        return errors;
    }

    private static Optional<String> check(ParameterSpec parameter, Object value, Kind kind) {
        switch (parameter.type()) {
            case BOOLEAN -> {
                return value instanceof Boolean ? Optional.empty() : Optional.of("must be a boolean (true or false)");
            }
            case INTEGER -> {
                Optional<Long> number = integral(value);
                if (number.isEmpty()) {
                    return Optional.of("must be an integer");
                }
                long n = number.get();
                if ((parameter.minimum().isPresent() && n < parameter.minimum().getAsLong())
                        || (parameter.maximum().isPresent() && n > parameter.maximum().getAsLong())) {
                    return Optional.of("must be an integer from " + parameter.minimum().orElse(Long.MIN_VALUE) + " to "
                            + parameter.maximum().orElse(Long.MAX_VALUE));
                }
                return Optional.empty();
            }
            default -> {
                if (!(value instanceof String text)) {
                    return Optional.of("must be a string");
                }
                if (parameter.maxLength().isPresent() && text.length() > parameter.maxLength().getAsLong()) {
                    return Optional.of("must be at most " + parameter.maxLength().getAsLong() + " characters");
                }
                if (!parameter.allowedValues().isEmpty()
                        && parameter.allowedValues().stream().noneMatch(allowed -> allowed.equalsIgnoreCase(text.trim()))) {
                    return Optional.of("must be one of " + String.join(", ", parameter.allowedValues()));
                }
                if (kind != null && !kind.pattern.matcher(text).matches()) {
                    return Optional.of(kind.rule);
                }
                if (kind == null && parameter.pattern().isPresent() && !Pattern.compile(parameter.pattern().get()).matcher(text).matches()) {
                    return Optional.of("must match " + parameter.pattern().get());
                }
                return Optional.empty();
            }
        }
    }

    private static Optional<Long> integral(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return Optional.of(((Number) value).longValue());
        }
        if (value instanceof BigInteger big && big.bitLength() < 64) {
            return Optional.of(big.longValue());
        }
        return Optional.empty();
    }

    private static String text(Object value) {
        return value instanceof Number number ? Long.toString(number.longValue()) : String.valueOf(value);
    }

    /**
     * {@code parameters} in canonical form: integers as {@code Long}, options keyed by the allow-list's names, the
     * port's default filled in, absent values left out.
     *
     * @throws InvalidParametersException when {@link #validate} refuses them
     */
    public Map<String, Object> normalize(Map<String, ?> parameters) {
        Map<String, String> errors = validate(parameters);
        if (!errors.isEmpty()) {
            throw new InvalidParametersException(engineId, errors);
        }
        Map<String, Object> canonical = new LinkedHashMap<>();
        for (ParameterSpec parameter : this.parameters.values()) {
            Object value = parameters.get(parameter.name());
            if (value == null) {
                value = parameter.defaultValue().orElse(null);
            }
            if (value != null) {
                canonical.put(parameter.name(), parameter.type() == ParameterType.INTEGER ? (Object) integral(value).orElseThrow() : value);
            }
        }
        Object options = parameters.get(OPTIONS);
        if (options instanceof Map<?, ?> given && !given.isEmpty()) {
            Map<String, Object> canonicalOptions = new LinkedHashMap<>();
            given.forEach((name, value) -> {
                ConnectionOption allowed = connectionOptions.allowed(String.valueOf(name)).orElseThrow();
                canonicalOptions.put(allowed.name(), value instanceof Number ? (Object) integral(value).orElseThrow() : value);
            });
            canonical.put(OPTIONS, canonicalOptions);
        }
        return canonical;
    }

    // ---- parameters to URL and back ---------------------------------------------------------------

    /**
     * The URL and the driver properties for {@code parameters}: each placeholder's value written into the template as
     * it is (its pattern allows no character the URL would read as syntax), the user, the password and every option
     * as a property. Does not vet the result: {@link EngineSpec#buildUrl} does.
     *
     * @throws InvalidParametersException when {@link #validate} refuses the parameters
     */
    public ConnectionUrl build(Map<String, ?> parameters) {
        Map<String, Object> canonical = normalize(parameters);
        StringBuilder url = new StringBuilder();
        for (Segment segment : template) {
            Object value = segment.isLiteral() ? null : canonical.get(segment.parameter());
            url.append(segment.isLiteral() ? segment.literal() : value == null ? "" : text(value));
        }
        Map<String, String> properties = new LinkedHashMap<>();
        if (canonical.get(USERNAME) instanceof String user) {
            properties.put("user", user);
        }
        if (canonical.get(PASSWORD) instanceof String password) {
            properties.put("password", password);
        }
        if (canonical.get(OPTIONS) instanceof Map<?, ?> options) {
            options.forEach((name, value) -> properties.put(String.valueOf(name), text(value)));
        }
        return new ConnectionUrl(url.toString(), properties);
    }

    /**
     * The parameters of a URL and its driver properties (Superset's {@code get_parameters_from_uri}), in canonical form,
     * so that {@code parse(build(p)) } equals {@code normalize(p)}; empty when the URL does not follow the template
     * (credentials in the URL, another form of URL) or its options cannot be read unambiguously (an option given twice,
     * an escape or an encoding in the URL). Options the URL writes after the template become {@code options}, as do the
     * properties other than {@code user} and {@code password}. The result is not validated.
     */
    public Optional<Map<String, Object>> parse(String jdbcUrl, Properties properties) {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(properties, "properties is null");
        Matcher matcher = urlPattern.matcher(jdbcUrl);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Map<String, Object> result = new LinkedHashMap<>();
        int group = 1;
        for (Segment segment : template) {
            if (!segment.isLiteral()) {
                String value = matcher.group(group++);
                if (value != null) { // an optional path left out
                    result.put(segment.parameter(), segment.kind() == Kind.PORT ? (Object) Long.parseLong(value) : value);
                }
            }
        }
        Map<String, String> given = new LinkedHashMap<>();
        Set<String> seen = new TreeSet<>();
        String tail = matcher.group(group);
        if (!tail.isEmpty()) {
            String separator;
            char first;
            switch (syntax) {
                case QUERY -> {
                    first = templateHasQuery ? '&' : '?';
                    separator = "&";
                }
                case SEMICOLON -> {
                    first = ';';
                    separator = ";";
                }
                default -> {
                    return Optional.empty();
                }
            }
            if (tail.charAt(0) != first) {
                return Optional.empty();
            }
            for (String option : tail.substring(1).split(Pattern.quote(separator), -1)) {
                if (option.isEmpty() && syntax == ConnectionOptions.Syntax.SEMICOLON) {
                    continue;
                }
                int equals = option.indexOf('=');
                if (equals <= 0 || option.chars().anyMatch(unreadable())) {
                    return Optional.empty();
                }
                String name = option.substring(0, equals);
                if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                    return Optional.empty();
                }
                given.put(name, option.substring(equals + 1));
            }
        }
        for (String name : properties.stringPropertyNames()) {
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                return Optional.empty();
            }
            given.put(name, properties.getProperty(name));
        }
        Map<String, Object> options = new LinkedHashMap<>();
        given.forEach((name, value) -> {
            String key = name.toLowerCase(Locale.ROOT);
            if (key.equals("user")) {
                result.put(USERNAME, value);
            } else if (key.equals("password")) {
                result.put(PASSWORD, value);
            } else {
                Optional<ConnectionOption> allowed = connectionOptions.allowed(name);
                String canonicalName = allowed.map(ConnectionOption::name).orElse(name);
                ParameterType type = allowed.map(option -> option.rule().asParameter(option.name(), option.secret()).type())
                        .orElse(ParameterType.STRING);
                options.put(canonicalName, typed(type, value));
            }
        });
        if (!options.isEmpty()) {
            result.put(OPTIONS, options);
        }
        // top-level parameters in form order
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (String name : parameters.keySet()) {
            if (result.containsKey(name)) {
                ordered.put(name, result.get(name));
            }
        }
        if (result.containsKey(OPTIONS)) {
            ordered.put(OPTIONS, result.get(OPTIONS));
        }
        return Optional.of(ordered);
    }

    /** Characters that escape, encode or hide options in the URL: such a URL is not read into parameters. */
    private static IntPredicate unreadable() {
        return c -> c < 0x20 || c > 0x7e || "%\\()?".indexOf(c) >= 0;
    }

    /**
     * The canonical value of the option {@code option} written as {@code text} in a URL or a property: a {@code Boolean}
     * or a {@code Long} when its rule is {@link OptionRule#bool()} or {@link OptionRule#integer} and the text is one,
     * else the text.
     */
    public Object optionValue(String option, String text) {
        requireNonNull(option, "option is null");
        requireNonNull(text, "text is null");
        return typed(connectionOptions.allowed(option).map(allowed -> allowed.rule().asParameter(allowed.name(), allowed.secret()).type())
                .orElse(ParameterType.STRING), text);
    }

    private static Object typed(ParameterType type, String value) {
        return switch (type) {
            case BOOLEAN -> value.trim().equalsIgnoreCase("true") ? Boolean.TRUE
                    : value.trim().equalsIgnoreCase("false") ? (Object) Boolean.FALSE : value;
            case INTEGER -> INTEGRAL.matcher(value.trim()).matches() ? (Object) Long.parseLong(value.trim()) : value;
            case STRING -> value;
        };
    }

    // ---- secrets ----------------------------------------------------------------------------------

    /**
     * A copy of {@code parameters} with the value of every secret parameter and secret option replaced by {@link #MASK}
     * (Superset's {@code mask_encrypted_extra}), for answers and logs.
     */
    public Map<String, Object> mask(Map<String, ?> parameters) {
        requireNonNull(parameters, "parameters is null");
        Map<String, Object> masked = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            if (name.equals(OPTIONS) && value instanceof Map<?, ?> options) {
                Map<String, Object> maskedOptions = new LinkedHashMap<>();
                options.forEach((option, optionValue) -> maskedOptions.put(String.valueOf(option),
                        optionValue != null && (connectionOptions.isSecret(String.valueOf(option))
                                || String.valueOf(option).equalsIgnoreCase("password")) ? MASK : optionValue));
                masked.put(name, maskedOptions);
            } else {
                masked.put(name, value != null && isSecret(name) ? MASK : value);
            }
        });
        return masked;
    }

    /**
     * {@code submitted} with each secret whose value is {@link #MASK} replaced by the one in {@code stored} (Superset's
     * {@code unmask_encrypted_extra}): a form sent back unchanged keeps the stored password. A masked secret without a
     * stored value is left out.
     */
    public Map<String, Object> unmask(Map<String, ?> submitted, Map<String, ?> stored) {
        requireNonNull(submitted, "submitted is null");
        requireNonNull(stored, "stored is null");
        Map<String, Object> result = new LinkedHashMap<>();
        submitted.forEach((name, value) -> {
            if (name.equals(OPTIONS) && value instanceof Map<?, ?> options) {
                Map<?, ?> storedOptions = stored.get(OPTIONS) instanceof Map<?, ?> map ? map : Map.of();
                Map<String, Object> unmasked = new LinkedHashMap<>();
                options.forEach((option, optionValue) -> {
                    if (MASK.equals(optionValue) && connectionOptions.isSecret(String.valueOf(option))) {
                        if (storedOptions.get(option) != null) {
                            unmasked.put(String.valueOf(option), storedOptions.get(option));
                        }
                    } else {
                        unmasked.put(String.valueOf(option), optionValue);
                    }
                });
                result.put(name, unmasked);
            } else if (MASK.equals(value) && isSecret(name)) {
                if (stored.get(name) != null) {
                    result.put(name, stored.get(name));
                }
            } else {
                result.put(name, value);
            }
        });
        return result;
    }

    /**
     * Canonical sample parameters that {@link #validate} accepts, for tests and examples: {@code db.example.com}, the
     * default port (else 1234), {@code sales} for names, {@code /tmp/dbspec-sample.db} for a path, a location per its
     * name, and {@code sample} as the user name and the password.
     */
    public Map<String, Object> sample() {
        Map<String, Object> sample = new LinkedHashMap<>();
        for (ParameterSpec parameter : parameters.values()) {
            Kind kind = kinds.get(parameter.name());
            Object value;
            if (kind == null) {
                value = "sample";
            } else {
                value = switch (kind) {
                    case HOST -> "db.example.com";
                    case PORT -> parameter.defaultValue().orElse(1234L);
                    case NAME -> "sales";
                    case PATH -> "/tmp/dbspec-sample.db";
                    case LOCATION -> parameter.name().contains("s3") ? "s3://sample-bucket/results/" : "/sql/1.0/sample";
                };
            }
            sample.put(parameter.name(), value);
        }
        return sample;
    }

    @Override
    public String toString() {
        return "ConnectionParameters[" + engineId + ": " + String.join(", ", parameters.keySet()) + ", options: " + options.size() + "]";
    }
}
