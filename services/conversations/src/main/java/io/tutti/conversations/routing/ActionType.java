package io.tutti.conversations.routing;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What a rule can do to a conversation. */
public enum ActionType {
  ASSIGN_TEAM("assign_team"),
  ASSIGN_STRATEGY("assign_strategy"),
  ASSIGN_AGENT("assign_agent"),
  SET_PRIORITY("set_priority"),
  ADD_LABEL("add_label"),
  REMOVE_LABEL("remove_label"),
  SET_STATUS("set_status"),
  AUTO_REPLY("auto_reply"),
  ADD_NOTE("add_note"),
  WEBHOOK("webhook");

  private final String id;

  ActionType(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static Optional<ActionType> of(String id) {
    return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(ActionType::id).toList();
  }
}
