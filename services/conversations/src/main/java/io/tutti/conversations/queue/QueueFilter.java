package io.tutti.conversations.queue;

import java.util.List;
import java.util.UUID;

/**
 * What narrows the queue. Lists hold the values of one parameter (comma-separated in the request),
 * any of which may match; labels must all be present.
 *
 * @param assignee an agent's user id, {@code me}, or {@code none} for unassigned
 * @param team a team id, or {@code none} for conversations without a team
 * @param q words searched in the conversation's messages, contact name and handle, and subject
 * @param contactId only this contact's conversations
 * @param excludeId leave this conversation out
 */
public record QueueFilter(
    QueueView view,
    List<String> statuses,
    List<String> channels,
    List<String> inboxes,
    List<String> labels,
    List<String> priorities,
    String assignee,
    String team,
    String q,
    String contactId,
    UUID excludeId) {

  public static QueueFilter ofContact(String contactId) {
    return new QueueFilter(
        QueueView.ALL,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        null,
        null,
        null,
        contactId,
        null);
  }
}
