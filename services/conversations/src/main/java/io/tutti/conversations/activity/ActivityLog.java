package io.tutti.conversations.activity;

import io.smallrye.mutiny.Uni;
import io.tutti.conversations.conversation.Conversation;
import io.tutti.events.UuidV7;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes what happened to a conversation, in the transaction of the change itself. */
@ApplicationScoped
public class ActivityLog {

  private final ActivityRepository activities;

  public ActivityLog(ActivityRepository activities) {
    this.activities = activities;
  }

  public Uni<Void> record(
      Conversation conversation, String type, String actor, Map<String, ?> details, Instant at) {
    Activity activity = new Activity();
    activity.id = UuidV7.next();
    activity.workspaceId = conversation.workspaceId;
    activity.conversationId = conversation.id;
    activity.type = type;
    activity.actor = actor;
    // Kept in the order given, nulls included: "from": null says there was no assignee before.
    activity.details = new LinkedHashMap<>(details);
    activity.at = at;
    return activities.persist(activity).replaceWithVoid();
  }

  /** A change of one field, {@code from} → {@code to}. */
  public static Map<String, Object> change(Object from, Object to) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("from", from);
    details.put("to", to);
    return details;
  }
}
