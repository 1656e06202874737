package io.tutti.profiles.stage;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Where a contact is on the way from first message to sale. */
public enum Stage {
  NEW("new", 0),
  LEAD("lead", 1),
  QUALIFIED("qualified", 2),
  DISQUALIFIED("disqualified", 2),
  CUSTOMER("customer", 3);

  private final String id;

  /**
   * How far along: a sale beats every decision, a decision (qualified or disqualified) beats none,
   * a lead beats a new contact. Used when a merge meets two stages.
   */
  private final int progress;

  Stage(String id, int progress) {
    this.id = id;
    this.progress = progress;
  }

  public String id() {
    return id;
  }

  public int progress() {
    return progress;
  }

  public static Optional<Stage> of(String id) {
    return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(Stage::id).toList();
  }
}
