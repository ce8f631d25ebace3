package io.creativeflow.keycloak.apple;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.common.crypto.CryptoIntegration;
import org.keycloak.jose.jws.JWSInput;
import org.keycloak.representations.JsonWebToken;

class AppleClientSecretTest {

    private static KeyPair key;
    private static String pem;

    @BeforeAll
    static void aP8Key() throws Exception {
        CryptoIntegration.init(AppleClientSecretTest.class.getClassLoader());
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        key = generator.generateKeyPair();
        pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    @Test
    void theSecretIsAnEs256JwtFromTheTeamForTheServicesIdThatApplesKeyVerifies() throws Exception {
        String jwt = AppleClientSecret.get("io.creativeflow.web", "TEAM123456", "KEY1234567", "https://appleid.apple.com",
                pem, 1800, 1_800_000_000L);
        JWSInput input = new JWSInput(jwt);
        assertThat(input.getHeader().getAlgorithm().name()).isEqualTo("ES256");
        assertThat(input.getHeader().getKeyId()).isEqualTo("KEY1234567");
        JsonWebToken token = input.readJsonContent(JsonWebToken.class);
        assertThat(token.getIssuer()).isEqualTo("TEAM123456");
        assertThat(token.getSubject()).isEqualTo("io.creativeflow.web");
        assertThat(token.getAudience()).containsExactly("https://appleid.apple.com");
        assertThat(token.getExp() - token.getIat()).isEqualTo(1800);

        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(key.getPublic());
        verifier.update(input.getEncodedSignatureInput().getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(input.getSignature())).isTrue();
    }

    @Test
    void theSecretIsReusedUntilAMinuteBeforeItExpires() {
        long t0 = 1_900_000_000L;
        String first = AppleClientSecret.get("client", "TEAM", "KEY", "aud", pem, 600, t0);
        assertThat(AppleClientSecret.get("client", "TEAM", "KEY", "aud", pem, 600, t0 + 500)).isEqualTo(first);
        assertThat(AppleClientSecret.get("client", "TEAM", "KEY", "aud", pem, 600, t0 + 541)).isNotEqualTo(first);
    }

    @Test
    void aKeyThatIsNotAP8IsRefusedClearly() {
        assertThatThrownBy(() -> AppleClientSecret.privateKey("not a key"))
                .hasMessageContaining("PKCS#8 EC key");
    }
}
