package io.creativeflow.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.util.JsonSerialization;

/** {@code GET /realms/{realm}/creativeflow/me/activity}, as an app calls it with a bearer token. */
final class ActivityEndpoint {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ManagedRealm realm;

    ActivityEndpoint(ManagedRealm realm) {
        this.realm = realm;
    }

    /** The raw answer; {@code accessToken} may be null (no Authorization header). */
    HttpResponse<String> get(String accessToken) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(realm.getBaseUrl() + "/creativeflow/me/activity"))
                .header("Accept", "application/json");
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The activity of the token's user; the call must succeed. */
    @SuppressWarnings("unchecked")
    Map<String, Object> of(String accessToken) throws Exception {
        HttpResponse<String> response = get(accessToken);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonSerialization.readValue(response.body(), Map.class);
    }
}
