package io.tutti.connectors.inbound;

import io.tutti.web.problem.Problem;
import io.tutti.web.problem.ProblemException;
import java.util.Locale;

/** The answers every webhook gives to a delivery it cannot take. */
public final class Webhooks {

  private Webhooks() {}

  public static ProblemException unknownInbox() {
    return Problem.notFound("No inbox answers at this webhook URL.").exception();
  }

  public static ProblemException badSignature(String detail) {
    return Problem.unauthorized("invalid-signature", detail).exception();
  }

  public static ProblemException malformed(String detail) {
    return new Problem(Problem.type("malformed-body"), "Malformed body", 400, detail).exception();
  }

  /** 415 unless the content type is one of {@code accepted} (parameters such as charset aside). */
  public static void requireMediaType(String contentType, String... accepted) {
    String given =
        contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    for (String type : accepted) {
      if (type.equals(given)) {
        return;
      }
    }
    throw new Problem(
            Problem.type("unsupported-media-type"),
            "Unsupported media type",
            415,
            "This webhook takes " + String.join(" or ", accepted) + ".")
        .exception();
  }

  /** 413 when the body is larger than {@code max} bytes; 400 when there is none. */
  public static void requireSize(byte[] body, int max) {
    if (body == null || body.length == 0) {
      throw malformed("The body is empty.");
    }
    if (body.length > max) {
      throw new Problem(
              Problem.type("payload-too-large"),
              "Payload too large",
              413,
              "This webhook takes bodies of at most " + max + " bytes.")
          .exception();
    }
  }
}
