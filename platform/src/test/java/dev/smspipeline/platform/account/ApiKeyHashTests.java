package dev.smspipeline.platform.account;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ApiKeyHashTests {

	@Test
	void hashesAKeyToLowercaseSha256Hex() {
		// sha256("abc"), from FIPS 180-2's test vectors
		assertThat(ApiKeyHash.of("abc").hex())
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

	@Test
	void refusesAHashThatIsNotSha256Hex() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ApiKeyHash("sk_live_plaintext"));
	}

}
