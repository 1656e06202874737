package io.tutti.attribution.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tutti.web.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ShopifySignatureTest {

  // RFC 4231 test case 2, written as Shopify writes its header (Base64).
  private static final String KEY = "Jefe";
  private static final byte[] BODY =
      "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8);
  private static final String SIGNATURE = "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=";

  @Test
  void signatureIsBase64HmacSha256OfTheRawBody() {
    assertThat(ShopifySignature.sign(KEY, BODY)).isEqualTo(SIGNATURE);
    assertThatCode(() -> ShopifySignature.verify(KEY, SIGNATURE, BODY)).doesNotThrowAnyException();
    assertThatCode(() -> ShopifySignature.verify(KEY, " " + SIGNATURE + " ", BODY))
        .doesNotThrowAnyException();
  }

  @Test
  void aMissingWrongOrGarbledSignatureIs401() {
    for (String header :
        new String[] {
          null, "", SIGNATURE.toLowerCase(), "not base64!", SIGNATURE.substring(0, 20)
        }) {
      assertThatThrownBy(() -> ShopifySignature.verify(KEY, header, BODY))
          .isInstanceOfSatisfying(
              ProblemException.class,
              e -> {
                assertThat(e.problem().status()).isEqualTo(401);
                assertThat(e.problem().type()).isEqualTo("urn:tutti:problem:invalid-signature");
              });
    }
    assertThatThrownBy(() -> ShopifySignature.verify("other", SIGNATURE, BODY))
        .isInstanceOf(ProblemException.class);
  }
}
