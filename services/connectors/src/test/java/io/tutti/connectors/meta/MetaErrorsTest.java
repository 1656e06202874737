package io.tutti.connectors.meta;

import static org.assertj.core.api.Assertions.assertThat;

import io.tutti.connectors.outbound.PlatformHttp;
import io.tutti.connectors.outbound.SendFailure;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MetaErrorsTest {

  @Test
  void expiredTokenIsACredentialsFailure() {
    SendFailure failure =
        failure(
            400,
            "{\"error\":{\"message\":\"Session has"
                + " expired\",\"type\":\"OAuthException\",\"code\":190,\"error_subcode\":463}}");
    assertThat(failure.kind()).isEqualTo(SendFailure.Kind.CREDENTIALS);
    assertThat(failure.code()).isEqualTo("190/463");
  }

  @Test
  void throttlingAndTemporaryTroubleAreRetried() {
    assertThat(
            failure(
                    400,
                    "{\"error\":{\"message\":\"(#613) Calls to this api have exceeded the rate"
                        + " limit.\",\"code\":613}}")
                .kind())
        .isEqualTo(SendFailure.Kind.TRANSIENT);
    assertThat(
            failure(
                    500,
                    "{\"error\":{\"message\":\"An unknown error"
                        + " occurred\",\"code\":1,\"is_transient\":true}}")
                .kind())
        .isEqualTo(SendFailure.Kind.TRANSIENT);
    assertThat(failure(503, "<html>busy</html>").kind()).isEqualTo(SendFailure.Kind.TRANSIENT);
  }

  @Test
  void closedWindowAndBadRecipientsAreFinal() {
    SendFailure window =
        failure(
            400,
            "{\"error\":{\"message\":\"(#10) This message is sent outside of allowed"
                + " window.\",\"code\":10,\"error_subcode\":2018278}}");
    assertThat(window.kind()).isEqualTo(SendFailure.Kind.PERMANENT);
    assertThat(window.getMessage()).contains("only within 24 hours");
    SendFailure recipient =
        failure(
            400,
            "{\"error\":{\"message\":\"(#100) No matching user"
                + " found\",\"code\":100,\"error_subcode\":2018001}}");
    assertThat(recipient.kind()).isEqualTo(SendFailure.Kind.PERMANENT);
    assertThat(recipient.getMessage()).isEqualTo("(#100) No matching user found");
  }

  @Test
  void errorBodiesOfTheWrongShapeStillGiveAReason() {
    SendFailure failure = failure(400, "{\"error\":\"nope\"}");
    assertThat(failure.kind()).isEqualTo(SendFailure.Kind.PERMANENT);
    assertThat(failure.getMessage()).isEqualTo("Messenger answered HTTP 400");
    assertThat(failure(400, "{\"error\":{\"code\":\"190\",\"message\":7}}").kind())
        .isEqualTo(SendFailure.Kind.CREDENTIALS);
  }

  private static SendFailure failure(int status, String body) {
    JsonObject json = body.startsWith("{") ? new JsonObject(body) : null;
    return MetaErrors.failure(
        "Messenger", new PlatformHttp.Answer(status, json, body, Duration.ofSeconds(3)));
  }
}
