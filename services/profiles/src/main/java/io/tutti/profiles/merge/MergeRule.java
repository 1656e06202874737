package io.tutti.profiles.merge;

import io.tutti.profiles.contact.Touch;
import io.tutti.profiles.stage.Stage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How two contacts become one, and how an unmerge takes that back.
 *
 * <p>Merge: the survivor's value wins wherever it has one; where it has none, the merged contact's
 * value fills it. Where both have different values, the survivor's is kept and the merged contact's
 * is recorded as a {@link Conflict} of the merge (and comes back with an unmerge). The exceptions:
 * notes are joined (the survivor's first); the stage that is further along wins (a customer over
 * anything, a decision, qualified or disqualified, over none, a lead over new; the survivor's on a
 * tie), with its disqualification reason; the first touch is the earlier of the two and the last
 * touch the later. Attributes and checklist items are merged key by key.
 *
 * <p>Unmerge: every field (each attribute and checklist item on its own) that still has the value
 * the merge gave it returns to the survivor's value before the merge; a field someone changed after
 * the merge keeps that change. The merged contact returns exactly as it was.
 */
public final class MergeRule {

  private MergeRule() {}

  /** The survivor after the merge, and the conflicts it resolved. */
  public record Outcome(ContactState result, List<Conflict> conflicts) {}

  public static Outcome merge(ContactState survivor, ContactState merged) {
    List<Conflict> conflicts = new ArrayList<>();
    String name = pick("name", survivor.name(), merged.name(), conflicts);
    String avatarUrl = pick("avatarUrl", survivor.avatarUrl(), merged.avatarUrl(), conflicts);
    String language = pick("language", survivor.language(), merged.language(), conflicts);
    String country = pick("country", survivor.country(), merged.country(), conflicts);
    String city = pick("city", survivor.city(), merged.city(), conflicts);
    String company = pick("company", survivor.company(), merged.company(), conflicts);
    String notes = joinNotes(survivor.notes(), merged.notes());

    boolean survivorOwns = survivor.ownerId() != null || merged.ownerId() == null;
    if (survivor.ownerId() != null
        && merged.ownerId() != null
        && !survivor.ownerId().equals(merged.ownerId())) {
      conflicts.add(new Conflict("owner", owner(survivor), owner(merged)));
    }

    Stage survivorStage = Stage.of(survivor.stage()).orElse(Stage.NEW);
    Stage mergedStage = Stage.of(merged.stage()).orElse(Stage.NEW);
    boolean mergedStageWins = mergedStage.progress() > survivorStage.progress();
    if (survivorStage != mergedStage) {
      conflicts.add(
          new Conflict(
              "stage",
              mergedStageWins ? merged.stage() : survivor.stage(),
              mergedStageWins ? survivor.stage() : merged.stage()));
    }

    ContactState result =
        new ContactState(
            name,
            avatarUrl,
            language,
            country,
            city,
            company,
            notes,
            mergedStageWins ? merged.stage() : survivor.stage(),
            mergedStageWins ? merged.disqualifiedReason() : survivor.disqualifiedReason(),
            survivorOwns ? survivor.ownerId() : merged.ownerId(),
            survivorOwns ? survivor.ownerName() : merged.ownerName(),
            mergeMaps("checklist.", survivor.checklist(), merged.checklist(), conflicts),
            mergeMaps("attributes.", survivor.attributes(), merged.attributes(), conflicts),
            earlier(survivor.firstTouch(), merged.firstTouch()),
            later(survivor.lastTouch(), merged.lastTouch()));
    return new Outcome(result, List.copyOf(conflicts));
  }

  /**
   * The survivor after an unmerge.
   *
   * @param current the survivor now
   * @param after the survivor right after the merge
   * @param before the survivor right before the merge
   */
  public static ContactState unmerge(
      ContactState current, ContactState after, ContactState before) {
    boolean ownerUntouched =
        Objects.equals(current.ownerId(), after.ownerId())
            && Objects.equals(current.ownerName(), after.ownerName());
    boolean stageUntouched =
        Objects.equals(current.stage(), after.stage())
            && Objects.equals(current.disqualifiedReason(), after.disqualifiedReason());
    return new ContactState(
        back(current.name(), after.name(), before.name()),
        back(current.avatarUrl(), after.avatarUrl(), before.avatarUrl()),
        back(current.language(), after.language(), before.language()),
        back(current.country(), after.country(), before.country()),
        back(current.city(), after.city(), before.city()),
        back(current.company(), after.company(), before.company()),
        back(current.notes(), after.notes(), before.notes()),
        stageUntouched ? before.stage() : current.stage(),
        stageUntouched ? before.disqualifiedReason() : current.disqualifiedReason(),
        ownerUntouched ? before.ownerId() : current.ownerId(),
        ownerUntouched ? before.ownerName() : current.ownerName(),
        backMaps(current.checklist(), after.checklist(), before.checklist()),
        backMaps(current.attributes(), after.attributes(), before.attributes()),
        back(current.firstTouch(), after.firstTouch(), before.firstTouch()),
        back(current.lastTouch(), after.lastTouch(), before.lastTouch()));
  }

  private static String pick(String field, String kept, String other, List<Conflict> conflicts) {
    if (kept == null) {
      return other;
    }
    if (other != null && !other.equals(kept)) {
      conflicts.add(new Conflict(field, kept, other));
    }
    return kept;
  }

  private static String joinNotes(String survivor, String merged) {
    if (survivor == null || merged == null || survivor.equals(merged)) {
      return survivor != null ? survivor : merged;
    }
    return survivor + "\n\n" + merged;
  }

  private static <V> Map<String, V> mergeMaps(
      String prefix, Map<String, V> kept, Map<String, V> other, List<Conflict> conflicts) {
    Map<String, V> result = new LinkedHashMap<>(kept);
    other.forEach(
        (key, value) -> {
          V survivorValue = kept.get(key);
          if (survivorValue == null) {
            result.put(key, value);
          } else if (!survivorValue.equals(value)) {
            conflicts.add(new Conflict(prefix + key, survivorValue, value));
          }
        });
    return result;
  }

  private static <V> Map<String, V> backMaps(
      Map<String, V> current, Map<String, V> after, Map<String, V> before) {
    Set<String> keys = new LinkedHashSet<>(before.keySet());
    keys.addAll(current.keySet());
    Map<String, V> result = new LinkedHashMap<>();
    for (String key : keys) {
      V value = back(current.get(key), after.get(key), before.get(key));
      if (value != null) {
        result.put(key, value);
      }
    }
    return result;
  }

  private static <T> T back(T current, T after, T before) {
    return Objects.equals(current, after) ? before : current;
  }

  private static Touch earlier(Touch a, Touch b) {
    if (a == null || b == null) {
      return a != null ? a : b;
    }
    return b.at().isBefore(a.at()) ? b : a;
  }

  private static Touch later(Touch a, Touch b) {
    if (a == null || b == null) {
      return a != null ? a : b;
    }
    return b.at().isAfter(a.at()) ? b : a;
  }

  private static Map<String, String> owner(ContactState state) {
    Map<String, String> owner = new LinkedHashMap<>();
    owner.put("id", state.ownerId());
    owner.put("name", state.ownerName());
    return owner;
  }
}
