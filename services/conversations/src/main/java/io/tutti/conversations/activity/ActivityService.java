package io.tutti.conversations.activity;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tutti.conversations.conversation.ConversationAccess;
import io.tutti.conversations.conversation.Cursor;
import io.tutti.conversations.conversation.Page;
import io.tutti.conversations.conversation.Viewer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Reads what happened to a conversation, newest first. */
@ApplicationScoped
public class ActivityService {

  private final ConversationAccess access;
  private final ActivityRepository activities;

  public ActivityService(ConversationAccess access, ActivityRepository activities) {
    this.access = access;
    this.activities = activities;
  }

  @WithSession
  public Uni<Page<ActivityView>> page(Viewer viewer, UUID conversationId, Cursor cursor, int size) {
    return access
        .visible(viewer, conversationId)
        .chain(
            conversation ->
                activities.page(
                    conversation.id,
                    cursor == null ? null : cursor.at(),
                    cursor == null ? null : cursor.id(),
                    size + 1))
        .map(
            found -> {
              List<Activity> items = found.size() > size ? found.subList(0, size) : found;
              String next =
                  found.size() > size
                      ? new Cursor(items.getLast().at, items.getLast().id).encode()
                      : null;
              return new Page<>(items.stream().map(ActivityView::of).toList(), next);
            });
  }
}
