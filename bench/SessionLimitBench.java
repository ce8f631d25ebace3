/*
 * Benchmark of the concurrent-session limit: logins per second and login latency (p50, p99) of the
 * realm with the cf-session-limit listener against the same realm without it, measured in one run
 * on one server, printed as ratios; plus Redis commands per login.
 *
 *   ./run.sh                                 (in another terminal: the local Keycloak)
 *   java bench/SessionLimitBench.java        (LOGINS=400 CONCURRENCY=4 REDIS_PORT=6379 to tune)
 *
 * Not a test: it asserts nothing. Needs only a JDK 17+ and the running server.
 */
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class SessionLimitBench {

    static final String BASE = env("KEYCLOAK_URL", "http://localhost:8080");
    static final String REALM = "creativeflow";
    static final String CLIENT = "cf-bench";
    static final String USER = "bench@creativeflow.local";
    static final String PASSWORD = "Bench-Password-2026";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        int logins = Integer.parseInt(env("LOGINS", "400"));
        int concurrency = Integer.parseInt(env("CONCURRENCY", "4"));
        String admin = adminToken();
        prepare(admin);
        String original = get(admin, "/admin/realms/" + REALM + "/events/config");
        try {
            List<Long> stock = new ArrayList<>();
            List<Long> limited = new ArrayList<>();
            double stockSeconds = 0;
            double limitedSeconds = 0;
            long redisCalls = 0;
            long scriptCalls = 0;
            int rounds = 4;
            for (int round = 0; round < rounds; round++) {
                // Alternate the two configurations so that drift (JIT, caches) hits both alike.
                setListener(admin, original, false);
                logins(Math.max(10, logins / 20), concurrency);
                long start = System.nanoTime();
                stock.addAll(logins(logins / rounds, concurrency));
                stockSeconds += (System.nanoTime() - start) / 1e9;

                setListener(admin, original, true);
                logins(Math.max(10, logins / 20), concurrency);
                long before = redisCommands();
                long scriptsBefore = redisStat("cmdstat_eval:");
                start = System.nanoTime();
                limited.addAll(logins(logins / rounds, concurrency));
                limitedSeconds += (System.nanoTime() - start) / 1e9;
                redisCalls += redisCommands() - before;
                scriptCalls += redisStat("cmdstat_eval:") - scriptsBefore;
            }
            print("stock realm (no cf-session-limit)", stock, stockSeconds);
            print("with cf-session-limit (limit 3)", limited, limitedSeconds);
            System.out.printf("ratio logins/s (with / stock): %.2f%n",
                    (limited.size() / limitedSeconds) / (stock.size() / stockSeconds));
            System.out.printf("ratio p50 latency (with / stock): %.2f%n", pct(limited, 50) / (double) pct(stock, 50));
            System.out.printf("ratio p99 latency (with / stock): %.2f%n", pct(limited, 99) / (double) pct(stock, 99));
            System.out.printf("Redis per login: %.2f scripts (EVAL), %.2f commands in all, counting those inside the"
                    + " scripts (one pipelined round trip per login: the admission script, which also removes the"
                    + " evicted sessions, and the owner record)%n", scriptCalls / (double) limited.size(),
                    redisCalls / (double) limited.size());
        } finally {
            put(admin, "/admin/realms/" + REALM + "/events/config", original);
        }
    }

    static List<Long> logins(int count, int concurrency) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<Long>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            futures.add(pool.submit(() -> {
                long start = System.nanoTime();
                HttpResponse<String> response = post("/realms/" + REALM + "/protocol/openid-connect/token", null,
                        form(Map.of("grant_type", "password", "client_id", CLIENT, "username", USER, "password", PASSWORD)));
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("login failed: " + response.body());
                }
                return (System.nanoTime() - start) / 1_000L;
            }));
        }
        List<Long> micros = new ArrayList<>();
        for (Future<Long> future : futures) {
            micros.add(future.get());
        }
        pool.shutdown();
        return micros;
    }

    static void print(String label, List<Long> micros, double seconds) {
        System.out.printf("%-36s %6d logins  %7.1f logins/s  p50 %6.1f ms  p99 %6.1f ms%n", label, micros.size(),
                micros.size() / seconds, pct(micros, 50) / 1000.0, pct(micros, 99) / 1000.0);
    }

    static long pct(List<Long> values, int percentile) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
    }

    static void prepare(String admin) throws Exception {
        post("/admin/realms/" + REALM + "/clients", admin, "{\"clientId\":\"" + CLIENT + "\",\"publicClient\":true,"
                + "\"directAccessGrantsEnabled\":true,\"standardFlowEnabled\":false}");
        post("/admin/realms/" + REALM + "/users", admin, "{\"username\":\"" + USER + "\",\"email\":\"" + USER + "\","
                + "\"firstName\":\"Bench\",\"lastName\":\"Mark\",\"enabled\":true,\"emailVerified\":true,"
                + "\"credentials\":[{\"type\":\"password\",\"value\":\"" + PASSWORD + "\",\"temporary\":false}]}");
        // The brute-force detector would take a login storm for an attack; the limit gets exercised.
        put(admin, "/admin/realms/" + REALM, "{\"bruteForceProtected\":false,"
                + "\"attributes\":{\"creativeflow.session-limit\":\"3\"}}");
    }

    static void setListener(String admin, String original, boolean on) throws Exception {
        String listeners = on ? "[\"jboss-logging\",\"cf-session-limit\"]" : "[\"jboss-logging\"]";
        put(admin, "/admin/realms/" + REALM + "/events/config",
                original.replaceAll("\"eventsListeners\"\\s*:\\s*\\[[^]]*]", "\"eventsListeners\":" + listeners));
    }

    /** Total commands Redis has processed (INFO stats), over a plain socket. */
    static long redisCommands() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(env("REDIS_PORT", "6379")))) {
            OutputStream out = socket.getOutputStream();
            out.write("*2\r\n$4\r\nINFO\r\n$5\r\nstats\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("total_commands_processed:")) {
                    // minus this INFO command itself
                    return Long.parseLong(line.substring(line.indexOf(':') + 1).trim()) - 1;
                }
            }
        }
        throw new IllegalStateException("no total_commands_processed in INFO");
    }

    /** Calls of one command (INFO commandstats line prefix, e.g. "cmdstat_eval:"). */
    static long redisStat(String prefix) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(env("REDIS_PORT", "6379")))) {
            OutputStream out = socket.getOutputStream();
            out.write("*2\r\n$4\r\nINFO\r\n$12\r\ncommandstats\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith(prefix)) {
                    Matcher calls = Pattern.compile("calls=(\\d+)").matcher(line);
                    return calls.find() ? Long.parseLong(calls.group(1)) : 0;
                }
                if (line.isEmpty() && !in.ready()) {
                    break;
                }
            }
        }
        return 0;
    }

    static String adminToken() throws Exception {
        String password = System.getenv("KC_BOOTSTRAP_ADMIN_PASSWORD");
        if (password == null && Files.exists(Path.of(".run/admin-password"))) {
            password = Files.readString(Path.of(".run/admin-password")).trim();
        }
        HttpResponse<String> response = post("/realms/master/protocol/openid-connect/token", null, form(Map.of(
                "grant_type", "password", "client_id", "admin-cli",
                "username", env("KC_BOOTSTRAP_ADMIN_USERNAME", "admin"), "password", password == null ? "admin" : password)));
        Matcher token = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        if (!token.find()) {
            throw new IllegalStateException("admin login failed: " + response.body());
        }
        return token.group(1);
    }

    static String get(String token, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(BASE + path)).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static HttpResponse<String> post(String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
        } else {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void put(String token, String path, String json) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(BASE + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("PUT " + path + " failed: " + response.statusCode() + " " + response.body());
        }
    }

    static String form(Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return body.toString();
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
