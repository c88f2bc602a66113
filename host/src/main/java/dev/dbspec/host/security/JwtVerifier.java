package dev.dbspec.host.security;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.dbspec.host.databases.RequestException;
import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.UnknownHostException;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * OIDC bearer tokens: JWTs signed by the identity provider, checked with Nimbus JOSE+JWT against the
 * provider's JWKS. Only asymmetric signatures are accepted (RSA, RSA-PSS, ECDSA): {@code alg=none},
 * HMAC ({@code HS*}, whose "key" could be the public key) and encrypted tokens are refused. The issuer
 * must match exactly, the audience must contain the configured one, {@code exp} is required and
 * {@code exp}/{@code nbf} are checked with a small clock skew. The user is {@code jwt:} and the user
 * claim; the role is the highest of {@code admin}, {@code analyst}, {@code viewer} found in the role
 * claim (a string or an array; a dotted name reaches into objects, e.g. {@code realm_access.roles}).
 */
public final class JwtVerifier {
    /** The signature algorithms accepted: asymmetric only. */
    public static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);
    private static final Pattern COMPACT_JWT = Pattern.compile("[A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]*\\.[A-Za-z0-9_\\-]*");

    /**
     * Where and what to check.
     *
     * @param jwksUrl    the provider's JWKS: {@code https}, or {@code http} on a loopback address only
     * @param issuer     the exact {@code iss} required
     * @param audience   a value {@code aud} must contain
     * @param roleClaim  the claim holding the role(s), default {@code roles}
     * @param userClaim  the claim naming the user, default {@code sub}
     * @param clockSkew  tolerance on {@code exp} and {@code nbf}, default 60 s, at most 5 minutes
     */
    public record Settings(URI jwksUrl, String issuer, String audience, String roleClaim, String userClaim, Duration clockSkew) {
        public Settings {
            requireNonNull(jwksUrl, "jwksUrl is null");
            requireNonNull(issuer, "issuer is null");
            requireNonNull(audience, "audience is null");
            requireNonNull(roleClaim, "roleClaim is null");
            requireNonNull(userClaim, "userClaim is null");
            requireNonNull(clockSkew, "clockSkew is null");
            String scheme = Optional.ofNullable(jwksUrl.getScheme()).orElse("").toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !(scheme.equals("http") && isLoopback(jwksUrl.getHost()))) {
                throw new IllegalArgumentException("auth.jwt.jwks-url must be an https URL (http only on a loopback address), got "
                        + jwksUrl.getScheme() + "://" + jwksUrl.getHost());
            }
            if (issuer.isBlank()) {
                throw new IllegalArgumentException("auth.jwt.issuer is required with auth.jwt.jwks-url: tokens of any issuer using those keys would pass");
            }
            if (audience.isBlank()) {
                throw new IllegalArgumentException("auth.jwt.audience is required with auth.jwt.jwks-url: tokens the provider issued for other applications would pass");
            }
            if (roleClaim.isBlank() || userClaim.isBlank()) {
                throw new IllegalArgumentException("auth.jwt.role-claim and auth.jwt.user-claim must not be blank");
            }
            if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalArgumentException("auth.jwt.clock-skew-seconds must be between 0 and 300");
            }
        }

        private static boolean isLoopback(String host) {
            if (host == null) {
                return false;
            }
            if (host.equalsIgnoreCase("localhost")) {
                return true;
            }
            String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            if (!literal.matches("[0-9.]+|[0-9A-Fa-f:]+")) {
                return false; // a name: not resolved here, so DNS cannot make it loopback
            }
            try {
                return InetAddress.getByName(literal).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
    }

    private final Settings settings;
    private final DefaultJWTProcessor<SecurityContext> processor;

    public JwtVerifier(Settings settings) {
        this.settings = requireNonNull(settings, "settings is null");
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.<SecurityContext>create(settings.jwksUrl().toURL(), new DefaultResourceRetriever(2_000, 2_000, 256 * 1024))
                    .retrying(false)
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("auth.jwt.jwks-url is not a URL: " + e.getMessage(), e);
        }
        processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(Set.of(settings.audience()),
                new JWTClaimsSet.Builder().issuer(settings.issuer()).build(), Set.of("exp", settings.userClaim()), Set.of());
        claims.setMaxClockSkew((int) settings.clockSkew().toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    public Settings settings() {
        return settings;
    }

    /** Whether {@code token} has the shape of a compact JWT (three base64url parts), not of a dbspec token. */
    public static boolean looksLikeJwt(String token) {
        return COMPACT_JWT.matcher(token).matches();
    }

    /** Whether {@code value} may name an OIDC user: 1 to 256 characters, no control or format characters. */
    public static boolean isAcceptableUserClaim(String value) {
        if (value == null || value.isEmpty() || value.length() > 256 || value.isBlank()) {
            return false;
        }
        return value.codePoints().noneMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT);
    }

    /**
     * The principal a valid token names.
     *
     * @throws AuthenticationException for any token that is not valid (signature, algorithm, issuer,
     *                                 audience, time, user claim)
     * @throws RequestException        FORBIDDEN for a valid token without a dbspec role; UNAVAILABLE when
     *                                 the JWKS cannot be fetched
     */
    public Principal verify(String token) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (JWKSetUnavailableException e) {
            throw new RequestException(RequestException.Kind.UNAVAILABLE, "the OIDC provider's keys (auth.jwt.jwks-url) cannot be fetched now");
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new AuthenticationException("invalid JWT: " + e.getMessage());
        }
        Object user = claims.getClaim(settings.userClaim());
        if (!(user instanceof String name) || !isAcceptableUserClaim(name)) {
            throw new AuthenticationException("invalid JWT: the claim '" + settings.userClaim() + "' must name the user");
        }
        Role role = highestRole(claim(claims.getClaims(), settings.roleClaim())).orElseThrow(() -> new RequestException(
                RequestException.Kind.FORBIDDEN, "the token has no dbspec role (admin, analyst or viewer) in its claim '"
                        + settings.roleClaim() + "'"));
        return new Principal(Principal.JWT_PREFIX + name, role, Principal.Source.JWT);
    }

    /** The value at a dotted claim path. */
    private static Object claim(Map<String, Object> claims, String path) {
        Object current = claims;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    private static Optional<Role> highestRole(Object value) {
        List<String> names = new ArrayList<>();
        if (value instanceof String text) {
            names.add(text);
        } else if (value instanceof List<?> list) {
            list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(names::add);
        }
        Set<Role> roles = new HashSet<>();
        names.forEach(name -> Role.fromId(name).ifPresent(roles::add));
        return roles.stream().max(Enum::compareTo);
    }
}
