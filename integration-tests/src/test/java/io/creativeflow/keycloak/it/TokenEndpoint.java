package io.creativeflow.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.util.JsonSerialization;

/** The realm's OIDC endpoints as a plain HTTP client sees them (thread-safe, one session per call). */
final class TokenEndpoint {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ManagedRealm realm;
    private final String clientId;

    TokenEndpoint(ManagedRealm realm, String clientId) {
        this.realm = realm;
        this.clientId = clientId;
    }

    /** A password-grant login that must succeed: the token response. */
    @SuppressWarnings("unchecked")
    Map<String, Object> login(String username, String password) throws Exception {
        HttpResponse<String> response = passwordGrant(username, password);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonSerialization.readValue(response.body(), Map.class);
    }

    /** A password-grant login with {@code scope} (e.g. "openid offline_access") that must succeed. */
    @SuppressWarnings("unchecked")
    Map<String, Object> login(String username, String password, String scope) throws Exception {
        HttpResponse<String> response = post("/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", clientId, "username", username, "password", password, "scope", scope));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonSerialization.readValue(response.body(), Map.class);
    }

    HttpResponse<String> passwordGrant(String username, String password) throws Exception {
        return post("/protocol/openid-connect/token", Map.of("grant_type", "password", "client_id", clientId,
                "username", username, "password", password));
    }

    HttpResponse<String> refresh(Map<String, Object> tokens) throws Exception {
        return post("/protocol/openid-connect/token", Map.of("grant_type", "refresh_token", "client_id", clientId,
                "refresh_token", (String) tokens.get("refresh_token")));
    }

    HttpResponse<String> logout(Map<String, Object> tokens) throws Exception {
        return post("/protocol/openid-connect/logout", Map.of("client_id", clientId,
                "refresh_token", (String) tokens.get("refresh_token")));
    }

    /** Keycloak's metrics endpoint on the management port. */
    String metrics() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:9000/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    static String sessionId(Map<String, Object> tokens) {
        return (String) tokens.get("session_state");
    }

    private HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return http.send(HttpRequest.newBuilder(URI.create(realm.getBaseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }
}
