package io.tutti.profiles.timeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tutti.profiles.merge.Conflict;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * One thing in a contact's history. Every entry has a {@code type}, an {@code id} and the moment
 * {@code at} it is placed by; the timeline lists them newest first.
 */
public sealed interface TimelineEntry {

  /** Newest first; entries at the same moment by id, as the cursor compares them. */
  Comparator<TimelineEntry> NEWEST_FIRST =
      Comparator.comparing(TimelineEntry::at)
          .thenComparing(entry -> entry.id().toString())
          .reversed();

  String type();

  UUID id();

  Instant at();

  /**
   * A conversation on a channel, placed at its latest message; its thread is conversations' {@code
   * GET /api/conversations/{id}/messages}.
   *
   * @param recentMessages its latest messages and notes as conversations gave them, newest first;
   *     empty when conversations gave none
   */
  record Conversation(
      String type,
      UUID id,
      Instant at,
      String channel,
      String inboxId,
      String status,
      String subject,
      String lastMessagePreview,
      String assigneeId,
      List<String> labels,
      List<Message> recentMessages)
      implements TimelineEntry {

    /**
     * A message of the conversation, in conversations' names.
     *
     * @param direction in (the customer's) | out (an agent's)
     * @param kind in: message, postback, reaction; out: message, note
     * @param isPrivate an agent's note, which the customer never sees
     * @param status delivery of a reply; null for inbound messages and notes
     */
    public record Message(
        String id,
        String direction,
        String kind,
        @JsonProperty("private") boolean isPrivate,
        String authorName,
        String text,
        List<Attachment> attachments,
        String status,
        Instant sentAt,
        Instant createdAt) {}

    /** A file of a message; its thread has the file itself. */
    public record Attachment(String type, String name) {}
  }

  /** A website visit (attribution's {@code session.recorded}). */
  record Session(
      String type,
      UUID id,
      Instant at,
      String sessionId,
      String channel,
      String campaign,
      String landingUrl,
      String referrer)
      implements TimelineEntry {}

  /** A sale (attribution's {@code sale.recorded}). */
  record Sale(
      String type,
      UUID id,
      Instant at,
      String saleId,
      String orderId,
      BigDecimal amount,
      String currency)
      implements TimelineEntry {}

  /**
   * A step along the lead lifecycle.
   *
   * @param source manual, sale, merge or unmerge
   */
  record StageChanged(
      String type,
      UUID id,
      Instant at,
      String from,
      String to,
      String note,
      String reason,
      String source,
      String byId,
      String byName)
      implements TimelineEntry {}

  /**
   * A merge ({@code type} merge) or unmerge ({@code type} unmerge) this contact took part in.
   *
   * @param conflicts for a merge: the values the survivor kept and the merged contact's
   */
  record Merge(
      String type,
      UUID id,
      Instant at,
      UUID mergeId,
      UUID survivorId,
      UUID mergedId,
      String byId,
      String byName,
      List<Conflict> conflicts)
      implements TimelineEntry {}
}
