package io.creativeflow.keycloak.sms;

import com.twilio.exception.ApiConnectionException;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.hc.core5.http.Header;

/**
 * The HTTP client the Twilio SDK talks through: the JDK's, with one deadline for the whole call, no
 * retries (a retried send can reach the handset twice and costs twice) and an optional base URL
 * other than {@code https://api.twilio.com} for staging and tests (SMS_PROVIDER_API_URL).
 */
final class TwilioHttpClient extends com.twilio.http.HttpClient {

    static final String TWILIO_API = "https://api.twilio.com";

    private static final Header[] NO_HEADERS = new Header[0];

    private final HttpClient http;
    private final URI base;
    private final Duration timeout;

    TwilioHttpClient(String baseUrl, Duration timeout) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public Response reliableRequest(Request request) {
        return makeRequest(request);
    }

    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(target(request.constructURL()))
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("User-Agent", "creativeflow-identity (twilio-java)");
        if (request.requiresAuthentication()) {
            builder.header("Authorization", request.getAuthString());
        }
        for (Map.Entry<String, List<String>> header : request.getHeaderParams().entrySet()) {
            for (String value : header.getValue()) {
                builder.header(header.getKey(), value);
            }
        }
        HttpMethod method = request.getMethod();
        if (method == HttpMethod.GET || method == HttpMethod.DELETE) {
            builder.method(method.toString(), HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method.toString(), HttpRequest.BodyPublishers.ofString(request.encodeFormBody()));
        }
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.body(), response.statusCode(), NO_HEADERS);
        } catch (IOException e) {
            throw new ApiConnectionException("Twilio could not be reached at " + base + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiConnectionException("Interrupted while calling Twilio", e);
        }
    }

    /** The SDK's URL with our base in place of Twilio's scheme, host and port. */
    URI target(URL sdkUrl) {
        try {
            URI original = sdkUrl.toURI();
            if (TWILIO_API.equals(base.toString())) {
                return original;
            }
            String path = (base.getRawPath() == null ? "" : base.getRawPath()) + original.getRawPath();
            String query = original.getRawQuery() == null ? "" : "?" + original.getRawQuery();
            return new URI(base.getScheme() + "://" + base.getRawAuthority() + path + query);
        } catch (URISyntaxException e) {
            throw new ApiConnectionException("Bad Twilio URL " + sdkUrl, e);
        }
    }
}
