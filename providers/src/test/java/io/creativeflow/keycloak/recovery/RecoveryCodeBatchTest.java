package io.creativeflow.keycloak.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecoveryCodeBatchTest {

    @Test
    void anyUnusedCodeWorksOnceInAnyOrder() {
        RecoveryCodeBatch.Generated generated = RecoveryCodeBatch.generate(10);
        List<String> codes = generated.codes();
        RecoveryCodeBatch batch = generated.batch();

        assertThat(batch.use(codes.get(2))).isTrue();
        assertThat(batch.use(codes.get(0))).isTrue();
        assertThat(batch.use(codes.get(9))).isTrue();
        assertThat(batch.use(codes.get(2))).as("a used code").isFalse();
        assertThat(batch.remaining()).isEqualTo(7);
        assertThat(batch.total()).isEqualTo(10);
    }

    @Test
    void typingIsForgivingAboutCaseSpacesAndDashes() {
        RecoveryCodeBatch.Generated generated = RecoveryCodeBatch.generate(3);
        String code = generated.codes().get(0);

        assertThat(generated.batch().use(" " + code.toLowerCase().replace("-", " ") + " ")).isTrue();
        assertThat(generated.batch().use("not-a-code")).isFalse();
        assertThat(generated.batch().use(null)).isFalse();
    }

    @Test
    void codesAreEasyToTypeAndCarryAtLeastFiftyBits() {
        RecoveryCodeBatch.Generated generated = RecoveryCodeBatch.generate(50);

        assertThat(generated.codes()).doesNotHaveDuplicates()
                .allMatch(code -> code.matches("[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}"));
        double bits = RecoveryCodeBatch.GROUPS * RecoveryCodeBatch.GROUP_LENGTH
                * (Math.log(RecoveryCodeBatch.ALPHABET.length()) / Math.log(2));
        assertThat(bits).isGreaterThanOrEqualTo(50);
        assertThat(RecoveryCodeBatch.ALPHABET).doesNotContain("0", "O", "1", "I");
    }

    @Test
    void onlySaltedHashesAreKeptOnePerCode() {
        RecoveryCodeBatch.Generated generated = RecoveryCodeBatch.generate(10);
        RecoveryCodeBatch batch = generated.batch();

        assertThat(batch.unusedHashes()).hasSize(10);
        for (String code : generated.codes()) {
            assertThat(String.join(",", batch.unusedHashes())).doesNotContain(RecoveryCodeBatch.normalize(code));
        }
        RecoveryCodeBatch other = RecoveryCodeBatch.generate(10).batch();
        assertThat(other.salt()).isNotEqualTo(batch.salt());
    }

    @Test
    void batchSizesAreBounded() {
        assertThatThrownBy(() -> RecoveryCodeBatch.generate(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecoveryCodeBatch.generate(51)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCodesClaimKeyIsItsHashWhateverTheFormattingAndNothingForGarbage() {
        RecoveryCodeBatch.Generated generated = RecoveryCodeBatch.generate(3);
        String code = generated.codes().get(0);
        RecoveryCodeBatch batch = generated.batch();

        assertThat(batch.claimKey(code)).isNotNull().doesNotContain(code)
                .isEqualTo(batch.claimKey(" " + code.toLowerCase(java.util.Locale.ROOT) + " "));
        assertThat(batch.claimKey(generated.codes().get(1))).isNotEqualTo(batch.claimKey(code));
        assertThat(batch.claimKey("nope")).isNull();
        assertThat(batch.claimKey(null)).isNull();
    }
}
