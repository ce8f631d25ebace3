package io.creativeflow.keycloak.otp.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientNetworkTest {

    @Test
    void ipv4CountsPerAddressAndIpv6PerSlash64() {
        assertThat(ClientNetwork.network("203.0.113.9")).isEqualTo("v4:203.0.113.9");
        assertThat(ClientNetwork.network("2001:db8:1:2::1")).isEqualTo(ClientNetwork.network("[2001:db8:1:2:ffff:1:2:3]"));
        assertThat(ClientNetwork.network("2001:db8:1:2::1")).isEqualTo("v6:20010db800010002/64");
        assertThat(ClientNetwork.network("2001:db8:1:3::1")).isNotEqualTo(ClientNetwork.network("2001:db8:1:2::1"));
        assertThat(ClientNetwork.network("fe80::1%eth0")).isEqualTo(ClientNetwork.network("fe80::2"));
        assertThat(ClientNetwork.network("::ffff:198.51.100.7")).isEqualTo("v4:198.51.100.7");
    }

    @Test
    void onlyAHashIsKeptAndNothingIsResolved() {
        assertThat(ClientNetwork.key("203.0.113.9")).hasSize(32).doesNotContain("203");
        assertThat(ClientNetwork.network("attacker.example")).isEqualTo("other:attacker.example");
        assertThat(ClientNetwork.key(null)).isNull();
        assertThat(ClientNetwork.key(" ")).isNull();
    }
}
