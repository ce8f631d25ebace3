package io.creativeflow.keycloak.it;

import java.net.CookieHandler;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One device that signs in through our login pages with plain HTTP (its own cookies), so that many
 * of them can submit a page at the same moment: a browser driver does one thing at a time. Each
 * device keeps the last page it got and posts to that page's forms.
 */
final class FormClient {

    static final String BASE = "http://localhost:8080";
    private static final Pattern ACTION = Pattern.compile("<form[^>]*id=\"([^\"]+)\"[^>]*action=\"([^\"]+)\"");

    private final HttpClient http;
    private String page = "";
    private URI lastUri;
    private String verifier;

    FormClient() {
        this.http = HttpClient.newBuilder().cookieHandler(new Jar()).followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Opens the web app's sign-in at our realm, with {@code kcAction} if not null (PKCE S256). */
    FormClient openSignIn(String redirectUri, String kcAction) throws Exception {
        return openSignIn("creativeflow-web", redirectUri, kcAction);
    }

    /** Opens {@code clientId}'s sign-in at our realm, with {@code kcAction} if not null (PKCE S256). */
    FormClient openSignIn(String clientId, String redirectUri, String kcAction) throws Exception {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        StringBuilder url = new StringBuilder(BASE + "/realms/creativeflow/protocol/openid-connect/auth?client_id=" + encode(clientId)
                + "&response_type=code&scope=openid&redirect_uri=" + encode(redirectUri)
                + "&code_challenge_method=S256&code_challenge=" + challenge);
        if (kcAction != null) {
            url.append("&kc_action=").append(encode(kcAction));
        }
        get(url.toString());
        return this;
    }

    FormClient signIn(String username, String password) throws Exception {
        return submit("kc-form-login", Map.of("username", username, "password", password));
    }

    FormClient get(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        page = response.body();
        lastUri = response.uri();
        return this;
    }

    /** The authorization code the app got at the end of the sign-in, and the PKCE verifier for it. */
    String[] codeAndVerifier() {
        String query = lastUri == null ? null : lastUri.getRawQuery();
        if (query != null) {
            for (String part : query.split("&")) {
                if (part.startsWith("code=")) {
                    return new String[] {java.net.URLDecoder.decode(part.substring(5), StandardCharsets.UTF_8), verifier};
                }
            }
        }
        throw new AssertionError("the sign-in did not reach the app with a code: " + describe(page));
    }

    /** Posts {@code fields} to the action of the form {@code formId} of the current page. */
    FormClient submit(String formId, Map<String, String> fields) throws Exception {
        HttpResponse<String> response = post(action(formId), fields);
        page = response.body();
        lastUri = response.uri();
        return this;
    }

    /**
     * Posts {@code fields} to {@code action} with this device's cookies and returns the page, leaving
     * the current page as it is: several threads may post for one device at once (one sign-in's page
     * submitted many times in parallel).
     */
    String postTo(String action, Map<String, String> fields) throws Exception {
        return post(action, fields).body();
    }

    private HttpResponse<String> post(String action, Map<String, String> fields) throws Exception {
        StringBuilder body = new StringBuilder();
        for (Map.Entry<String, String> field : new LinkedHashMap<>(fields).entrySet()) {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(encode(field.getKey())).append('=').append(encode(field.getValue()));
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(action)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        return response;
    }

    String action(String formId) {
        Matcher matcher = ACTION.matcher(page);
        while (matcher.find()) {
            if (matcher.group(1).equals(formId)) {
                return matcher.group(2).replace("&amp;", "&");
            }
        }
        throw new AssertionError("no form " + formId + " on the page: " + describe(page));
    }

    boolean has(String formId) {
        Matcher matcher = ACTION.matcher(page);
        while (matcher.find()) {
            if (matcher.group(1).equals(formId)) {
                return true;
            }
        }
        return false;
    }

    String page() {
        return page;
    }

    /** The page's heading (kc-page-title). */
    String title() {
        Matcher heading = Pattern.compile("id=\"kc-page-title\"[^>]*>(.*?)</h1>", Pattern.DOTALL).matcher(page);
        return heading.find() ? text(heading.group(1)) : describe(page);
    }

    /** The heading and the first message of {@code html}, tags stripped. */
    static String describe(String html) {
        Matcher heading = Pattern.compile("id=\"kc-page-title\"[^>]*>(.*?)</h1>", Pattern.DOTALL).matcher(html);
        if (!heading.find()) {
            return html.substring(0, Math.min(200, html.length()));
        }
        String title = text(heading.group(1));
        Matcher message = Pattern.compile("kc-feedback-text[^>]*>(.*?)</span>|class=\"instruction\">(.*?)</p>", Pattern.DOTALL)
                .matcher(html);
        String described = message.find()
                ? title + " / " + text(message.group(1) != null ? message.group(1) : message.group(2)) : title;
        Matcher fieldError = Pattern.compile("id=\"input-error-[^\"]*\"[^>]*>(.*?)</span>", Pattern.DOTALL).matcher(html);
        return fieldError.find() ? described + " / " + text(fieldError.group(1)) : described;
    }

    private static String text(String html) {
        return html.replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").trim();
    }

    /**
     * The server's cookies, sent back by path: one host, two realms (a partner realm plays an
     * identity provider) with cookies of the same names under their own realm paths. The JDK's
     * cookie manager drops Keycloak's {@code Secure}/{@code SameSite=None} cookies on plain
     * http://localhost.
     */
    private static final class Jar extends CookieHandler {
        /** path + '|' + name → value. */
        private final Map<String, String> cookies = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
            String requestPath = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            StringBuilder header = new StringBuilder();
            cookies.forEach((key, value) -> {
                String path = key.substring(0, key.indexOf('|'));
                if (requestPath.startsWith(path)) {
                    header.append(header.length() == 0 ? "" : "; ").append(key.substring(key.indexOf('|') + 1))
                            .append('=').append(value);
                }
            });
            return header.length() == 0 ? Map.of() : Map.of("Cookie", List.of(header.toString()));
        }

        @Override
        public void put(URI uri, Map<String, List<String>> responseHeaders) {
            for (Map.Entry<String, List<String>> header : responseHeaders.entrySet()) {
                if (header.getKey() == null || !header.getKey().equalsIgnoreCase("set-cookie")) {
                    continue;
                }
                for (String cookie : header.getValue()) {
                    String[] parts = cookie.split(";");
                    int equals = parts[0].indexOf('=');
                    if (equals <= 0) {
                        continue;
                    }
                    String name = parts[0].substring(0, equals).trim();
                    String value = parts[0].substring(equals + 1).trim();
                    String path = "/";
                    boolean expired = value.isEmpty();
                    for (int i = 1; i < parts.length; i++) {
                        String attribute = parts[i].trim().toLowerCase(java.util.Locale.ROOT);
                        if (attribute.startsWith("path=")) {
                            path = parts[i].trim().substring(5);
                        } else if (attribute.equals("max-age=0") || attribute.startsWith("expires=thu, 01 jan 1970")
                                || attribute.startsWith("expires=thu, 01-jan-1970")) {
                            expired = true;
                        }
                    }
                    String key = path + '|' + name;
                    if (expired) {
                        cookies.remove(key);
                    } else {
                        cookies.put(key, value);
                    }
                }
            }
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * Runs every task at the same moment (threads released by one latch) and returns their results
     * in order: how a busy system or an attacker submits.
     */
    static <T> List<T> atOnce(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        CountDownLatch ready = new CountDownLatch(tasks.size());
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.call();
                }));
            }
            ready.await(30, TimeUnit.SECONDS);
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
