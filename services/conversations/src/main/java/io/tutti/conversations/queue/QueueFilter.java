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
 * @param searchMatches when {@code q} matches few conversations, all of them (ids): the page is
 *     then picked from these instead of scanning the queue for matches (see {@link QueueService})
 * @param searchByScan {@code q} matches so many conversations that the queue's ordered scan meets a
 *     page of them at once: the search must not be read through its index
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
    UUID excludeId,
    List<String> searchMatches,
    boolean searchByScan) {

  public QueueFilter(
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
    this(
        view,
        statuses,
        channels,
        inboxes,
        labels,
        priorities,
        assignee,
        team,
        q,
        contactId,
        excludeId,
        null,
        false);
  }

  /** This filter, its search already resolved to these conversations. */
  public QueueFilter matching(List<String> ids) {
    return searched(ids, false);
  }

  /** This filter, its search found by the queue's ordered scan. */
  public QueueFilter scanned() {
    return searched(null, true);
  }

  private QueueFilter searched(List<String> matches, boolean byScan) {
    return new QueueFilter(
        view,
        statuses,
        channels,
        inboxes,
        labels,
        priorities,
        assignee,
        team,
        q,
        contactId,
        excludeId,
        matches,
        byScan);
  }

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
