package io.tutti.conversations.privacy;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tutti.conversations.activity.Activity;
import io.tutti.conversations.activity.ActivityRepository;
import io.tutti.conversations.conversation.Conversation;
import io.tutti.conversations.conversation.ConversationRepository;
import io.tutti.conversations.message.Message;
import io.tutti.conversations.message.MessageRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads everything about one contact's conversations for their GDPR access request. A merge moves
 * the merged contact's conversations to the survivor, so the survivor's id finds them all; an
 * unmerge gives them back, and they are the restored contact's again.
 */
@ApplicationScoped
public class ConversationsExportService {

  private final ConversationRepository conversations;
  private final MessageRepository messages;
  private final ActivityRepository activity;

  public ConversationsExportService(
      ConversationRepository conversations,
      MessageRepository messages,
      ActivityRepository activity) {
    this.conversations = conversations;
    this.messages = messages;
    this.activity = activity;
  }

  @WithSession
  public Uni<ConversationsExport> export(String workspaceId, String contactId) {
    return conversations
        .list("workspaceId = ?1 and contactId = ?2 order by openedAt, id", workspaceId, contactId)
        .chain(
            found -> {
              if (found.isEmpty()) {
                return Uni.createFrom()
                    .item(new ConversationsExport(contactId, Instant.now(), List.of()));
              }
              List<UUID> ids = found.stream().map(c -> c.id).toList();
              return messages
                  .list("conversationId in ?1 order by sentAt, id", ids)
                  .chain(
                      thread ->
                          activity
                              .list("conversationId in ?1 order by at, id", ids)
                              .map(log -> assemble(contactId, found, thread, log)));
            });
  }

  private static ConversationsExport assemble(
      String contactId, List<Conversation> found, List<Message> thread, List<Activity> log) {
    Map<UUID, List<ConversationsExport.MessageRecord>> messagesOf = new LinkedHashMap<>();
    for (Message m : thread) {
      messagesOf.computeIfAbsent(m.conversationId, key -> new ArrayList<>()).add(record(m));
    }
    Map<UUID, List<ConversationsExport.ActivityRecord>> activityOf = new LinkedHashMap<>();
    for (Activity a : log) {
      activityOf
          .computeIfAbsent(a.conversationId, key -> new ArrayList<>())
          .add(new ConversationsExport.ActivityRecord(a.id, a.type, a.actor, a.details, a.at));
    }
    List<ConversationsExport.ConversationRecord> records =
        found.stream()
            .map(
                c ->
                    new ConversationsExport.ConversationRecord(
                        c.id,
                        c.contactId,
                        c.contactName,
                        c.contactHandle,
                        c.channel,
                        c.inboxId,
                        c.externalContactId,
                        c.subject,
                        c.status,
                        c.priority,
                        c.assigneeId,
                        c.teamId,
                        List.copyOf(c.labels),
                        c.openedAt,
                        c.firstReplyAt,
                        c.resolvedAt,
                        c.lastMessageAt,
                        messagesOf.getOrDefault(c.id, List.of()),
                        activityOf.getOrDefault(c.id, List.of())))
            .toList();
    return new ConversationsExport(contactId, Instant.now(), records);
  }

  private static ConversationsExport.MessageRecord record(Message m) {
    return new ConversationsExport.MessageRecord(
        m.id,
        m.direction,
        m.kind,
        m.isPrivate,
        m.senderId,
        m.authorName,
        m.text,
        m.html,
        m.subject,
        List.copyOf(m.attachments),
        m.template,
        m.referral,
        m.platformMessageId,
        m.replyToPlatformMessageId,
        m.replyToMessageId,
        m.status,
        m.errorCode,
        m.errorMessage,
        m.statusAt,
        m.sentAt,
        m.createdAt,
        m.editedAt);
  }
}
