package io.creativeflow.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Unsafe SMS settings stop the real server at start, naming the variable: the Keycloak 26.7.3
 * distribution with exactly the jars we ship ({@code distribution/target/keycloak/providers}),
 * built once, then started with each misconfiguration. Nothing is imported, nothing is sent.
 */
class StartupRefusalIT {

    private static Path home;

    @BeforeAll
    static void install() throws Exception {
        Path target = Path.of(System.getProperty("project.build.directory", "target"));
        home = target.resolve("refusal-keycloak");
        Path zip = Path.of(System.getProperty("keycloak.dist.zip"));
        if (!Files.exists(home.resolve("bin/kc.sh"))) {
            unzip(zip, target.resolve("refusal-unpack"));
            try (Stream<Path> top = Files.list(target.resolve("refusal-unpack"))) {
                Files.move(top.findFirst().orElseThrow(), home);
            }
            home.resolve("bin/kc.sh").toFile().setExecutable(true);
        }
        Path shipped = Path.of(System.getProperty("shipped.providers"));
        try (Stream<Path> jars = Files.list(shipped)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Files.copy(jar, home.resolve("providers").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Result build = run(Map.of(), "build", "--db=dev-mem", "--cache=local", "--health-enabled=true");
        assertThat(build.exitCode()).as(build.output()).isZero();
    }

    @Test
    void smsSwitchedOnWithoutAnyGatewayRefusesToStartInsteadOfWritingCodesToTheLog() throws Exception {
        Result start = start(Map.of("EnableMFA_SMS", "true"));

        assertThat(start.exitCode()).as(start.output()).isNotZero();
        assertThat(start.output()).contains("CreativeFlow Identity cannot start")
                .contains("EnableMFA_SMS=true needs an SMS gateway").contains("SMS_PROVIDER_GATEWAY=log");
    }

    @Test
    void twilioWithoutACountryAllowlistRefusesToStart() throws Exception {
        Result start = start(Map.of("EnableMFA_SMS", "true", "SMS_PROVIDER_API_KEY", "AC0123456789abcdef0123456789abcdef",
                "SMS_PROVIDER_API_SECRET", "token", "SMS_PROVIDER_SENDER_ID", "CreativeFlw"));

        assertThat(start.exitCode()).as(start.output()).isNotZero();
        assertThat(start.output()).contains("CreativeFlow Identity cannot start").contains("SMS_ALLOWED_COUNTRIES is required")
                .doesNotContain("token");
    }

    private static Result start(Map<String, String> env) throws Exception {
        Map<String, String> all = new HashMap<>(env);
        all.put("CREATIVEFLOW_API_CLIENT_SECRET", "refusal-test-secret-0123456789");
        return run(all, "start", "--optimized", "--http-enabled=true", "--hostname-strict=false",
                "--http-port=18080", "--http-management-port=19001", "--import-realm");
    }

    private static Result run(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // Only what this test sets, not the other servers' configuration of this JVM's environment.
        Map<String, String> environment = builder.environment();
        String path = environment.get("PATH");
        String javaHome = System.getProperty("java.home");
        environment.clear();
        environment.put("PATH", path);
        environment.put("JAVA_HOME", javaHome);
        environment.put("JAVA_OPTS_APPEND", "-Xmx512m");
        environment.putAll(env);
        Process process = builder.start();
        byte[] output;
        try (InputStream in = process.getInputStream()) {
            output = in.readAllBytes();
        }
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("kc.sh " + String.join(" ", args) + " did not stop within 180 s");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path out = into.resolve(entry.getName()).normalize();
                if (!out.startsWith(into)) {
                    throw new IOException("zip entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private record Result(int exitCode, String output) {
    }
}
