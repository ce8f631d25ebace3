package io.creativeflow.keycloak.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RedisEndpointTest {

    @Test
    void readsTlsCredentialsAndDatabaseFromTheUrl() {
        assertThat(RedisEndpoint.parse("rediss://app:p%40ss@cache.example.com:6380/3"))
                .isEqualTo(new RedisEndpoint("cache.example.com", 6380, true, "app", "p@ss", 3));
        assertThat(RedisEndpoint.parse("redis://localhost"))
                .isEqualTo(new RedisEndpoint("localhost", 6379, false, null, null, 0));
        assertThat(RedisEndpoint.parse("redis://secret@localhost:6379").password()).isEqualTo("secret");
    }

    @Test
    void neverPrintsCredentials() {
        assertThat(RedisEndpoint.parse("redis://app:hunter2@cache:6379/1").toString())
                .isEqualTo("redis://cache:6379/1").doesNotContain("hunter2");
    }

    @Test
    void refusesOtherSchemes() {
        assertThatThrownBy(() -> RedisEndpoint.parse("http://cache:6379")).isInstanceOf(IllegalArgumentException.class);
    }
}
