package io.tutti.bench.fuzz;

import java.util.List;
import java.util.Map;

/**
 * What the generator aims at in the running system: the fuzz inboxes with their secrets, the
 * tracking site key, and ids of things the fuzz run owns (its own conversations, contacts, teams,
 * rules), so that writes with a valid id change the fuzz run's data and never a demo user's. Given
 * the same targets and seed, the generator makes the same cases.
 *
 * @param inboxes by channel: instagram, messenger, whatsapp, sms, telegram, email
 * @param siteKey the key of the fuzz website for {@code /track}
 * @param conversationIds conversations in the fuzz inboxes
 * @param contactIds their contacts
 * @param messageIds messages in them
 * @param teamIds teams the fuzz run made
 * @param ruleIds routing rules the fuzz run made
 * @param cannedIds canned responses the fuzz run made
 * @param agentId the signed-in admin's user id
 */
public record FuzzTargets(
    Map<String, Inbox> inboxes,
    String siteKey,
    List<String> conversationIds,
    List<String> contactIds,
    List<String> messageIds,
    List<String> teamIds,
    List<String> ruleIds,
    List<String> cannedIds,
    String agentId) {

  /**
   * A fuzz inbox.
   *
   * @param id its id
   * @param webhookUrl the absolute URL it shows its admin (Twilio signs exactly this URL)
   * @param secret the app secret (Meta), auth token (Twilio), secret token (Telegram) or inbound
   *     secret (email)
   * @param accountId the platform account it is connected to (page, Instagram account, WhatsApp
   *     phone number id, Twilio account sid); null where the channel has none
   * @param verifyToken Meta's handshake token; null for the others
   */
  public record Inbox(
      String id, String webhookUrl, String secret, String accountId, String verifyToken) {

    /** The webhook URL's path (and query), which the runner resolves against the gateway. */
    public String webhookPath() {
      int scheme = webhookUrl.indexOf("://");
      int path = scheme < 0 ? 0 : webhookUrl.indexOf('/', scheme + 3);
      return path < 0 ? "/" : webhookUrl.substring(path);
    }
  }

  public FuzzTargets {
    inboxes = Map.copyOf(inboxes);
    conversationIds = List.copyOf(conversationIds);
    contactIds = List.copyOf(contactIds);
    messageIds = List.copyOf(messageIds);
    teamIds = List.copyOf(teamIds);
    ruleIds = List.copyOf(ruleIds);
    cannedIds = List.copyOf(cannedIds);
  }

  Inbox inbox(String channel) {
    Inbox inbox = inboxes.get(channel);
    if (inbox == null) {
      throw new IllegalStateException("no fuzz inbox for " + channel);
    }
    return inbox;
  }
}
