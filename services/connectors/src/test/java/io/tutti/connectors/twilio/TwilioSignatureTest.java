package io.tutti.connectors.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.tutti.connectors.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Twilio's official request-validator vectors, from its Java and Python libraries. */
class TwilioSignatureTest {

  private static final JsonPath VECTOR =
      JsonPath.from(new String(Fixtures.bytes("twilio/signature_vector_official.json")));
  private static final String TOKEN = VECTOR.getString("auth_token");
  private static final String URL = VECTOR.getString("url");

  @Test
  void officialVectorMatches() {
    assertThat(TwilioSignature.sign(TOKEN, URL, params()))
        .isEqualTo(VECTOR.getString("expected_x_twilio_signature"));
    assertThat(TwilioSignature.valid(TOKEN, URL, params(), "RSOYDt4T1cUTdK1PDd93/VVr8B8="))
        .isTrue();
  }

  @Test
  void wrongTokenUrlOrParameterIsRejected() {
    String signature = VECTOR.getString("expected_x_twilio_signature");
    assertThat(TwilioSignature.valid("54321", URL, params(), signature)).isFalse();
    assertThat(TwilioSignature.valid(TOKEN, URL.replace("foo=1", "foo=2"), params(), signature))
        .isFalse();
    List<Map.Entry<String, String>> changed = new ArrayList<>(params());
    changed.set(2, Map.entry("Digits", "9999"));
    assertThat(TwilioSignature.valid(TOKEN, URL, changed, signature)).isFalse();
    assertThat(TwilioSignature.valid(TOKEN, URL, params(), null)).isFalse();
  }

  @Test
  void portVariantsAreAcceptedLikeTwiliosValidators() {
    assertThat(
            TwilioSignature.valid(
                TOKEN,
                "https://mycompany.com:1234/myapp.php?foo=1&bar=2",
                params(),
                "RSOYDt4T1cUTdK1PDd93/VVr8B8="))
        .isTrue();
    assertThat(TwilioSignature.valid(TOKEN, URL, params(), "kvajT1Ptam85bY51eRf/AJRuM3w="))
        .isTrue();
    assertThat(
            TwilioSignature.valid(
                TOKEN,
                "http://mycompany.com/myapp.php?foo=1&bar=2",
                params(),
                "0ZXoZLH/DfblKGATFgpif+LLRf4="))
        .isTrue();
    assertThat(
            TwilioSignature.sign(
                TOKEN, "http://mycompany.com:1234/myapp.php?foo=1&bar=2", params()))
        .isEqualTo("Zmvh+3yNM1Phv2jhDCwEM3q5ebU=");
  }

  @Test
  void jsonBodyVariantSignsTheUrlWithItsBodyHash() throws Exception {
    String body = VECTOR.getString("json_body_variant.body");
    String hash =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
    assertThat(hash).isEqualTo(VECTOR.getString("json_body_variant.bodySHA256_hex"));
    assertThat(TwilioSignature.sign(TOKEN, URL + "&bodySHA256=" + hash, List.of()))
        .isEqualTo(VECTOR.getString("json_body_variant.expected_x_twilio_signature"));
  }

  @Test
  void repeatedParametersAreSortedByValueToo() {
    List<Map.Entry<String, String>> params =
        List.of(
            Map.entry("Sid", "CA123"),
            Map.entry("SidAccount", "AC123"),
            Map.entry("Digits", "5678"),
            Map.entry("Digits", "1234"));
    assertThat(TwilioSignature.sign(TOKEN, URL, params))
        .isEqualTo(VECTOR.getString("duplicate_keys_variant.expected_x_twilio_signature"));
  }

  private static List<Map.Entry<String, String>> params() {
    Map<String, String> given = VECTOR.getMap("params");
    return new ArrayList<>(
        given.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue())).toList());
  }
}
