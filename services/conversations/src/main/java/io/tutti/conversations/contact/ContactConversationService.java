package io.tutti.conversations.contact;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tutti.conversations.conversation.ConversationSummary;
import io.tutti.conversations.conversation.Page;
import io.tutti.conversations.conversation.Viewer;
import io.tutti.conversations.queue.QueueCursor;
import io.tutti.conversations.queue.QueueFilter;
import io.tutti.conversations.queue.QueueService;
import io.tutti.conversations.queue.QueueSort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * A contact's conversations as the queue shows them to the viewer, each with its latest messages.
 */
@ApplicationScoped
public class ContactConversationService {

  private final QueueService queue;
  private final RecentMessages recent;

  public ContactConversationService(QueueService queue, RecentMessages recent) {
    this.queue = queue;
    this.recent = recent;
  }

  /**
   * Most recently active first; only the conversations the viewer may see, and so their messages.
   */
  @WithSession
  public Uni<Page<ContactConversation>> page(
      Viewer viewer, String contactId, QueueCursor cursor, int size) {
    return queue
        .page(viewer, QueueFilter.ofContact(contactId), QueueSort.LAST_ACTIVITY, cursor, size)
        .chain(
            page ->
                recent
                    .of(page.items().stream().map(ConversationSummary::id).toList())
                    .map(
                        messages ->
                            new Page<>(
                                page.items().stream()
                                    .map(
                                        c ->
                                            new ContactConversation(
                                                c, messages.getOrDefault(c.id(), List.of())))
                                    .toList(),
                                page.nextCursor())));
  }
}
