package io.creativeflow.keycloak.apple;

import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.ECDSASignatureSignerContext;
import org.keycloak.crypto.KeyType;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.jose.jws.JWSBuilder;
import org.keycloak.representations.JsonWebToken;

/**
 * Apple's "client secret": a JWT signed ES256 with the team's .p8 key (header {@code kid} = key id;
 * {@code iss} = team id, {@code sub} = Services ID, {@code aud} = Apple's issuer). Made with Keycloak's
 * own JWS and crypto, kept in memory only, and made anew a minute before it expires.
 */
final class AppleClientSecret {

    private static final long RENEW_BEFORE_SECONDS = 60;
    private static final Map<String, Issued> CACHE = new ConcurrentHashMap<>();

    private record Issued(String jwt, long expiresAt) {
    }

    private AppleClientSecret() {
    }

    /** The current secret for these settings; {@code pem} is the .p8 key itself. */
    static String get(String clientId, String teamId, String keyId, String audience, String pem, long lifetimeSeconds,
            long nowSeconds) {
        String cacheKey = String.join("|", clientId, teamId, keyId, audience, Integer.toHexString(pem.hashCode()));
        Issued issued = CACHE.get(cacheKey);
        if (issued == null || issued.expiresAt() - RENEW_BEFORE_SECONDS <= nowSeconds) {
            issued = new Issued(sign(clientId, teamId, keyId, audience, privateKey(pem), nowSeconds, lifetimeSeconds),
                    nowSeconds + lifetimeSeconds);
            CACHE.put(cacheKey, issued);
        }
        return issued.jwt();
    }

    static String sign(String clientId, String teamId, String keyId, String audience, PrivateKey key, long nowSeconds,
            long lifetimeSeconds) {
        JsonWebToken token = new JsonWebToken();
        token.issuer(teamId);
        token.subject(clientId);
        token.audience(audience);
        token.iat(nowSeconds);
        token.exp(nowSeconds + lifetimeSeconds);
        KeyWrapper wrapper = new KeyWrapper();
        wrapper.setKid(keyId);
        wrapper.setAlgorithm(Algorithm.ES256);
        wrapper.setType(KeyType.EC);
        wrapper.setUse(KeyUse.SIG);
        wrapper.setPrivateKey(key);
        return new JWSBuilder().kid(keyId).type("JWT").jsonContent(token).sign(new ECDSASignatureSignerContext(wrapper));
    }

    /** Reads a PKCS#8 EC key as Apple hands it out (.p8, PEM); line breaks and spaces do not matter. */
    static PrivateKey privateKey(String pem) {
        String body = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replace("\\n", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (Exception e) {
            throw new IllegalArgumentException("The Apple private key is not a PKCS#8 EC key (.p8 file, PEM)", e);
        }
    }
}
