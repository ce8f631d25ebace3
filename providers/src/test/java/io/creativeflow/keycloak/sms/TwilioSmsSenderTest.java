package io.creativeflow.keycloak.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.creativeflow.keycloak.config.SpecSettings;
import io.creativeflow.keycloak.sms.SmsDeliveryException.Reason;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Twilio gateway against a local stand-in for api.twilio.com: what Twilio receives, how its errors map. */
class TwilioSmsSenderTest {

    private HttpServer twilio;
    private final AtomicReference<Captured> captured = new AtomicReference<>();
    private volatile int status = 201;
    private volatile String response = "{\"sid\":\"SM0001\",\"status\":\"queued\"}";
    private volatile long delayMillis;

    record Captured(String method, String path, String authorization, String contentType, Map<String, String> form) {
    }

    @BeforeEach
    void startTwilio() throws IOException {
        twilio = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        twilio.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> form = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                if (!pair.isEmpty()) {
                    String[] kv = pair.split("=", 2);
                    form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                            kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
                }
            }
            captured.set(new Captured(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), form));
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] out = response.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        twilio.start();
    }

    @AfterEach
    void stopTwilio() {
        twilio.stop(0);
    }

    @Test
    void anApiKeySendsFromThePhoneNumberWithBasicAuthOnTheMessagesResource() throws Exception {
        sender("+12015550123").send(new SmsMessage("+4915123456789", "123456 is your CreativeFlow code."));

        Captured request = captured.get();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages.json");
        assertThat(request.authorization()).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("SK0123456789abcdef0123456789abcdef:key-secret".getBytes(StandardCharsets.UTF_8)));
        assertThat(request.contentType()).startsWith("application/x-www-form-urlencoded");
        assertThat(request.form()).containsEntry("To", "+4915123456789").containsEntry("From", "+12015550123")
                .containsEntry("Body", "123456 is your CreativeFlow code.").doesNotContainKey("MessagingServiceSid");
    }

    @Test
    void aMessagingServiceOrAnAlphanumericIdIsTheSender() throws Exception {
        sender("MG0123456789abcdef0123456789abcdef").send(new SmsMessage("+4915123456789", "x"));
        assertThat(captured.get().form()).containsEntry("MessagingServiceSid", "MG0123456789abcdef0123456789abcdef")
                .doesNotContainKey("From");

        sender("CreativeFlw").send(new SmsMessage("+4915123456789", "x"));
        assertThat(captured.get().form()).containsEntry("From", "CreativeFlw");
    }

    @Test
    void twiliosErrorCodesBecomeReasonsTheUserCanActOn() {
        assertReason(400, 21211, Reason.INVALID_NUMBER);
        assertReason(400, 21614, Reason.INVALID_NUMBER);
        assertReason(400, 21612, Reason.UNREACHABLE);
        assertReason(400, 21610, Reason.UNREACHABLE);
        assertReason(400, 21408, Reason.BLOCKED_REGION);
        assertReason(429, 20429, Reason.RATE_LIMITED);
        assertReason(401, 20003, Reason.UNAVAILABLE);
        assertReason(500, 20500, Reason.UNAVAILABLE);
    }

    @Test
    void theLoggedReasonNamesTwiliosCodeButNeitherTheTextNorTheNumber() {
        status = 400;
        response = error(21211, "The 'To' number +4915123456789 is not a valid phone number.");
        assertThatThrownBy(() -> sender("+12015550123").send(new SmsMessage("+4915123456789", "987654 is your code")))
                .isInstanceOfSatisfying(SmsDeliveryException.class, e -> {
                    assertThat(e.gatewayCode()).isEqualTo("21211");
                    assertThat(e.getMessage()).contains("21211").doesNotContain("987654").doesNotContain("4915123456789");
                });
    }

    @Test
    void aSilentOrAbsentTwilioIsUnavailableAfterTheTimeout() {
        delayMillis = 2_000;
        assertThatThrownBy(() -> sender("+12015550123", 300).send(new SmsMessage("+4915123456789", "x")))
                .isInstanceOfSatisfying(SmsDeliveryException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE));

        int port = twilio.getAddress().getPort();
        twilio.stop(0);
        assertThatThrownBy(() -> TwilioSmsSenderFactory.build(settings("+12015550123", "http://127.0.0.1:" + port, 300))
                .send(new SmsMessage("+4915123456789", "x")))
                .isInstanceOfSatisfying(SmsDeliveryException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE));
    }

    private void assertReason(int httpStatus, int code, Reason expected) {
        status = httpStatus;
        response = error(code, "refused");
        assertThatThrownBy(() -> sender("+12015550123").send(new SmsMessage("+4915123456789", "x")))
                .as("Twilio error %s", code)
                .isInstanceOfSatisfying(SmsDeliveryException.class, e -> assertThat(e.reason()).isEqualTo(expected));
    }

    private static String error(int code, String message) {
        return "{\"code\":" + code + ",\"message\":\"" + message + "\",\"more_info\":\"https://www.twilio.com/docs/errors/"
                + code + "\",\"status\":400}";
    }

    private SmsSender sender(String from) {
        return sender(from, 5_000);
    }

    private SmsSender sender(String from, int timeoutMillis) {
        return TwilioSmsSenderFactory.build(settings(from, "http://127.0.0.1:" + twilio.getAddress().getPort(), timeoutMillis));
    }

    private static SpecSettings settings(String from, String url, int timeoutMillis) {
        Map<String, String> env = new HashMap<>();
        env.put("CREATIVEFLOW_API_CLIENT_SECRET", "unit-test-secret-0123456789");
        env.put("SMS_PROVIDER_API_KEY", "SK0123456789abcdef0123456789abcdef");
        env.put("SMS_PROVIDER_API_SECRET", "key-secret");
        env.put("SMS_PROVIDER_ACCOUNT_SID", "AC0123456789abcdef0123456789abcdef");
        env.put("SMS_PROVIDER_SENDER_ID", from);
        env.put("SMS_PROVIDER_API_URL", url);
        env.put("SMS_PROVIDER_TIMEOUT_MS", String.valueOf(timeoutMillis));
        env.put("SMS_ALLOWED_COUNTRIES", "US,DE");
        return SpecSettings.from(env);
    }
}
