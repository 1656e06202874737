package io.tutti.connectors.inbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/** An inbox's credentials. Sealed at rest, never logged, never in an API response. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InboxSecrets(
    String accessToken,
    String appSecret,
    String authToken,
    String botToken,
    String secretToken,
    String imapPassword,
    String smtpPassword,
    String inboundSecret) {

  public static final InboxSecrets NONE =
      new InboxSecrets(null, null, null, null, null, null, null, null);

  /** These secrets with every field that {@code changes} sets replaced. */
  public InboxSecrets overriddenBy(InboxSecrets changes) {
    return new InboxSecrets(
        pick(changes.accessToken, accessToken),
        pick(changes.appSecret, appSecret),
        pick(changes.authToken, authToken),
        pick(changes.botToken, botToken),
        pick(changes.secretToken, secretToken),
        pick(changes.imapPassword, imapPassword),
        pick(changes.smtpPassword, smtpPassword),
        pick(changes.inboundSecret, inboundSecret));
  }

  /** The names of the secrets that are set, for an admin to see what is configured. */
  public List<String> names() {
    List<String> names = new ArrayList<>();
    add(names, "accessToken", accessToken);
    add(names, "appSecret", appSecret);
    add(names, "authToken", authToken);
    add(names, "botToken", botToken);
    add(names, "secretToken", secretToken);
    add(names, "imap.password", imapPassword);
    add(names, "smtp.password", smtpPassword);
    add(names, "inboundSecret", inboundSecret);
    return names;
  }

  /** Never the values: a record's default toString would print every token into a log. */
  @Override
  public String toString() {
    return "InboxSecrets" + names();
  }

  private static String pick(String change, String current) {
    return change != null ? change : current;
  }

  private static void add(List<String> names, String name, String value) {
    if (value != null) {
      names.add(name);
    }
  }
}
