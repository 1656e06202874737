package io.tutti.connectors.testing;

import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.tutti.connectors.twilio.FormBody;
import io.tutti.connectors.twilio.TwilioSignature;

/** Signs form bodies the way Twilio does, for posting fixtures to a test server. */
public final class Twilio {

  /** Sends form bodies as the exact bytes given instead of re-encoding them. */
  public static final RestAssuredConfig RAW_FORM =
      RestAssuredConfig.config()
          .encoderConfig(
              EncoderConfig.encoderConfig()
                  .encodeContentTypeAs("application/x-www-form-urlencoded", ContentType.BINARY)
                  .appendDefaultContentCharsetToContentTypeIfUndefined(false));

  private Twilio() {}

  /** The X-Twilio-Signature Twilio would send for this body to this public webhook URL. */
  public static String signature(String webhookUrl, byte[] form) {
    return TwilioSignature.sign(
        Inboxes.TWILIO_AUTH_TOKEN, webhookUrl, FormBody.parse(form).params());
  }
}
