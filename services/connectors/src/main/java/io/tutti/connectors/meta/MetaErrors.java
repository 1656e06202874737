package io.tutti.connectors.meta;

import io.tutti.connectors.outbound.PlatformHttp;
import io.tutti.connectors.outbound.SendFailure;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * What a Graph API error means for a send (Messenger, Instagram, WhatsApp Cloud API): retry it,
 * give up on it, or mark the inbox's credentials refused. The body is {@code {"error": {"message",
 * "type", "code", "error_subcode", "is_transient", "error_data": {"details"}}}}.
 */
final class MetaErrors {

  /** Invalid, expired or revoked tokens and sessions; the app lost the account's permission. */
  private static final Set<Integer> CREDENTIALS = Set.of(102, 190, 463, 467, 131005, 131031);

  /** Throttling and temporary platform trouble. */
  private static final Set<Integer> TRANSIENT =
      Set.of(1, 2, 4, 17, 32, 341, 613, 130429, 131000, 131016, 131048, 131056, 133004);

  /** Sent outside the messaging window (Messenger, Instagram subcodes; WhatsApp re-engagement). */
  private static final Set<Integer> WINDOW_SUBCODES = Set.of(2018278, 2534022);

  private static final int WHATSAPP_REENGAGEMENT = 131047;

  private MetaErrors() {}

  static SendFailure failure(String platform, PlatformHttp.Answer answer) {
    JsonObject error =
        answer.json() != null && answer.json().getValue("error") instanceof JsonObject e ? e : null;
    int status = answer.status();
    if (error == null) {
      String what = platform + " answered HTTP " + status;
      if (status == 429 || status >= 500) {
        return SendFailure.retryAfter(String.valueOf(status), what, answer.retryAfter());
      }
      return status == 401
          ? SendFailure.credentials(String.valueOf(status), what)
          : SendFailure.permanent(String.valueOf(status), what);
    }
    int code = number(error.getValue("code"));
    int subcode = number(error.getValue("error_subcode"));
    String message = message(platform, error);
    String codeText = subcode == 0 ? String.valueOf(code) : code + "/" + subcode;
    if (code == WHATSAPP_REENGAGEMENT || WINDOW_SUBCODES.contains(subcode)) {
      return SendFailure.permanent(
          codeText,
          message
              + " — "
              + platform
              + " allows free-form replies only within 24 hours of the customer's last message"
              + (code == WHATSAPP_REENGAGEMENT ? "; use a template." : "."));
    }
    if (CREDENTIALS.contains(code) || status == 401) {
      return SendFailure.credentials(codeText, message);
    }
    if (TRANSIENT.contains(code)
        || Boolean.TRUE.equals(error.getValue("is_transient"))
        || status == 429
        || status >= 500) {
      return SendFailure.retryAfter(codeText, message, answer.retryAfter());
    }
    return SendFailure.permanent(codeText, message);
  }

  private static int number(Object value) {
    if (value instanceof Number number) {
      return number.intValue();
    }
    try {
      return value == null ? 0 : Integer.parseInt(value.toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String message(String platform, JsonObject error) {
    String message = error.getValue("message") instanceof String text ? text : null;
    String details =
        error.getValue("error_data") instanceof JsonObject data
                && data.getValue("details") instanceof String text
            ? text
            : null;
    String text =
        message == null || message.isBlank() ? platform + " refused the message" : message;
    return details == null || details.isBlank() || text.contains(details)
        ? text
        : text + ": " + details;
  }
}
