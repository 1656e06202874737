package io.tutti.connectors.twilio;

import io.tutti.connectors.inbound.Text;
import io.tutti.connectors.inbound.Webhooks;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An {@code application/x-www-form-urlencoded} body read exactly, repeated names kept in order. */
public final class FormBody {

  private final List<Map.Entry<String, String>> params;

  private FormBody(List<Map.Entry<String, String>> params) {
    this.params = params;
  }

  /**
   * @throws io.tutti.web.problem.ProblemException 400 when the body is not UTF-8 or not valid form
   *     encoding
   */
  public static FormBody parse(byte[] body) {
    String raw;
    try {
      raw =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body))
              .toString();
    } catch (CharacterCodingException e) {
      throw Webhooks.malformed("The form body is not UTF-8.");
    }
    List<Map.Entry<String, String>> params = new ArrayList<>();
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        params.add(
            Map.entry(
                URLDecoder.decode(name, StandardCharsets.UTF_8),
                URLDecoder.decode(value, StandardCharsets.UTF_8)));
      } catch (IllegalArgumentException e) {
        throw Webhooks.malformed("The form body has an invalid %-escape.");
      }
    }
    if (params.isEmpty()) {
      throw Webhooks.malformed("The form body has no parameters.");
    }
    return new FormBody(params);
  }

  /** Every parameter as sent, for the signature. */
  public List<Map.Entry<String, String>> params() {
    return params;
  }

  /** The first value of {@code name}, cleaned for storage, or null. */
  public String get(String name) {
    for (Map.Entry<String, String> param : params) {
      if (param.getKey().equals(name)) {
        return Text.clean(param.getValue());
      }
    }
    return null;
  }
}
