package io.creativeflow.keycloak.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for appleid.apple.com on 127.0.0.1:8592: the authorization page (a form that posts the
 * code, the state and, if given, the {@code user} field back to Keycloak, as Apple's form_post does),
 * the token endpoint (which keeps the client secret it received and answers with an ID token the
 * test shapes) and the JWKS.
 */
final class AppleStandIn implements AutoCloseable {

    static final int PORT = 8592;
    static final String ISSUER = "http://127.0.0.1:" + PORT;
    static final String KID = "apple-stand-in";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** What the next ID token says; the test changes it between logins. */
    static final class Answer {
        String subject = "001234." + UUID.randomUUID();
        String email;
        boolean privateEmail;
        String userJson;
        String audience;
        long expiresIn = 600;
        boolean wrongSignature;
        String nonceOverride;
    }

    final KeyPair signingKey = rsa();
    final KeyPair teamKey = ec();
    final List<Map<String, String>> authorizations = new CopyOnWriteArrayList<>();
    final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();
    volatile Answer answer = new Answer();
    volatile String clientId;
    private final Map<String, String> nonceByCode = new ConcurrentHashMap<>();
    private final HttpServer server;

    AppleStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 0);
        server.createContext("/auth/authorize", this::authorize);
        server.createContext("/auth/token", this::token);
        server.createContext("/auth/keys", this::keys);
        server.start();
    }

    /** The team's .p8 key, as Apple hands it out. */
    String p8() {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(teamKey.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        authorizations.add(query);
        String code = UUID.randomUUID().toString();
        nonceByCode.put(code, query.getOrDefault("nonce", ""));
        Answer current = answer;
        String page = "<!DOCTYPE html><html><body><h1>Apple stand-in</h1>"
                + "<form id=\"apple\" method=\"post\" action=\"" + html(query.get("redirect_uri")) + "\">"
                + "<input type=\"hidden\" name=\"code\" value=\"" + code + "\">"
                + "<input type=\"hidden\" name=\"state\" value=\"" + html(query.get("state")) + "\">"
                + (current.userJson == null ? "" : "<input type=\"hidden\" name=\"user\" value=\"" + html(current.userJson) + "\">")
                + "<button id=\"apple-continue\" type=\"submit\">Continue</button></form></body></html>";
        respond(exchange, 200, "text/html", page);
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> request = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        tokenRequests.add(request);
        Answer current = answer;
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("aud", current.audience != null ? current.audience : clientId);
        claims.put("exp", now + current.expiresIn);
        claims.put("iat", now - 5);
        claims.put("sub", current.subject);
        claims.put("nonce", current.nonceOverride != null ? current.nonceOverride : nonceByCode.get(request.get("code")));
        claims.put("email", current.email);
        claims.put("email_verified", "true");
        claims.put("is_private_email", String.valueOf(current.privateEmail));
        claims.put("auth_time", now);
        PrivateKey key = current.wrongSignature ? rsa().getPrivate() : signingKey.getPrivate();
        String body = JSON.writeValueAsString(Map.of("access_token", "apple-access-" + UUID.randomUUID(),
                "token_type", "Bearer", "expires_in", 3600, "id_token", rs256(claims, key)));
        respond(exchange, 200, "application/json", body);
    }

    private void keys(HttpExchange exchange) throws IOException {
        RSAPublicKey key = (RSAPublicKey) signingKey.getPublic();
        Map<String, Object> jwk = Map.of("kty", "RSA", "kid", KID, "use", "sig", "alg", "RS256",
                "n", B64.encodeToString(unsigned(key.getModulus())), "e", B64.encodeToString(unsigned(key.getPublicExponent())));
        respond(exchange, 200, "application/json", JSON.writeValueAsString(Map.of("keys", List.of(jwk))));
    }

    /** The claims of a JWT whose ES256 signature verifies with {@code key}; fails otherwise. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> verifiedEs256(String jwt, PublicKey key) throws Exception {
        String[] parts = jwt.split("\\.");
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(key);
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        if (!verifier.verify(Base64.getUrlDecoder().decode(parts[2]))) {
            throw new AssertionError("the client secret's signature does not verify with the team's public key");
        }
        Map<String, Object> claims = JSON.readValue(Base64.getUrlDecoder().decode(parts[1]), Map.class);
        claims.put("header", JSON.readValue(Base64.getUrlDecoder().decode(parts[0]), Map.class));
        return claims;
    }

    private static String rs256(Map<String, Object> claims, PrivateKey key) throws IOException {
        String header = B64.encodeToString(JSON.writeValueAsBytes(Map.of("alg", "RS256", "kid", KID, "typ", "JWT")));
        String payload = B64.encodeToString(JSON.writeValueAsBytes(claims));
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + B64.encodeToString(signer.sign());
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2) {
                values.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static String html(String value) {
        return value == null ? "" : value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type + "; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair ec() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
