package io.creativeflow.keycloak.it;

import java.net.Socket;

/**
 * A Redis of a test's own on {@code port} (redis-server on the PATH), so that a test may kill and
 * restart it without disturbing the shared one: the server under test is pointed at it by failsafe.
 */
final class OwnRedis {

    private final int port;
    private Process process;

    OwnRedis(int port) {
        this.port = port;
    }

    void start() throws Exception {
        process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (java.io.IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("redis-server did not start on port " + port);
    }

    /** Kills it (SIGKILL): Redis gone, as in a crash. */
    void stop() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }
}
