package io.tutti.profiles.merge;

import static org.assertj.core.api.Assertions.assertThat;

import io.tutti.profiles.contact.AttributeValue;
import io.tutti.profiles.contact.Touch;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MergeRuleTest {

  private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");
  private static final Instant FRIDAY = Instant.parse("2026-03-06T09:00:00Z");

  @Test
  void theSurvivorWinsConflictsAndKeepsTheOtherValueAsAConflict() {
    ContactState survivor = state("Ada", "Acme", "new", Map.of("plan", text("gold")));
    ContactState merged =
        state("Ada L.", "Acme Ltd", "new", Map.of("plan", text("silver"), "region", text("emea")));

    MergeRule.Outcome outcome = MergeRule.merge(survivor, merged);

    assertThat(outcome.result().name()).isEqualTo("Ada");
    assertThat(outcome.result().company()).isEqualTo("Acme");
    assertThat(outcome.result().attributes())
        .containsEntry("plan", text("gold"))
        .containsEntry("region", text("emea"));
    assertThat(outcome.conflicts())
        .containsExactly(
            new Conflict("name", "Ada", "Ada L."),
            new Conflict("company", "Acme", "Acme Ltd"),
            new Conflict("attributes.plan", text("gold"), text("silver")));
  }

  @Test
  void emptyFieldsOfTheSurvivorAreFilledWithoutConflict() {
    ContactState survivor = state(null, null, "new", Map.of());
    ContactState merged = state("Ada", "Acme", "new", Map.of("plan", text("gold")));

    MergeRule.Outcome outcome = MergeRule.merge(survivor, merged);

    assertThat(outcome.result().name()).isEqualTo("Ada");
    assertThat(outcome.result().company()).isEqualTo("Acme");
    assertThat(outcome.result().attributes()).containsEntry("plan", text("gold"));
    assertThat(outcome.conflicts()).isEmpty();
  }

  @Test
  void theStageFurtherAlongWinsAndATieKeepsTheSurvivors() {
    assertThat(stageOf("new", "qualified")).isEqualTo("qualified");
    assertThat(stageOf("lead", "new")).isEqualTo("lead");
    assertThat(stageOf("disqualified", "customer")).isEqualTo("customer");
    assertThat(stageOf("qualified", "disqualified")).isEqualTo("qualified");
    assertThat(stageOf("disqualified", "qualified")).isEqualTo("disqualified");
  }

  @Test
  void firstTouchIsTheEarlierAndLastTouchTheLater() {
    ContactState survivor =
        withTouches(new Touch("instagram", "a", FRIDAY), new Touch("instagram", "a", FRIDAY));
    ContactState merged =
        withTouches(new Touch("paid_search", "b", MONDAY), new Touch("email", null, MONDAY));

    ContactState result = MergeRule.merge(survivor, merged).result();

    assertThat(result.firstTouch().channel()).isEqualTo("paid_search");
    assertThat(result.lastTouch().channel()).isEqualTo("instagram");
  }

  @Test
  void unmergeRestoresWhatTheMergeChangedAndKeepsLaterEdits() {
    ContactState before = state("Ada", null, "new", Map.of("plan", text("gold")));
    ContactState merged =
        state("Ada L.", "Acme", "qualified", Map.of("region", text("emea"), "seats", text("3")));
    ContactState after = MergeRule.merge(before, merged).result();
    ContactState edited =
        new ContactState(
            after.name(),
            after.avatarUrl(),
            after.language(),
            after.country(),
            after.city(),
            "Acme Holdings",
            after.notes(),
            after.stage(),
            after.disqualifiedReason(),
            after.ownerId(),
            after.ownerName(),
            after.checklist(),
            Map.of("plan", text("gold"), "region", text("emea"), "seats", text("9")),
            after.firstTouch(),
            after.lastTouch());

    ContactState restored = MergeRule.unmerge(edited, after, before);

    assertThat(restored.company()).isEqualTo("Acme Holdings");
    assertThat(restored.stage()).isEqualTo("new");
    assertThat(restored.attributes())
        .containsOnlyKeys("plan", "seats")
        .containsEntry("seats", text("9"));
    assertThat(MergeRule.unmerge(after, after, before)).isEqualTo(before);
  }

  private static String stageOf(String survivor, String merged) {
    return MergeRule.merge(state("A", null, survivor, Map.of()), state("A", null, merged, Map.of()))
        .result()
        .stage();
  }

  private static AttributeValue text(String value) {
    return new AttributeValue(AttributeValue.TEXT, value);
  }

  private static ContactState state(
      String name, String company, String stage, Map<String, AttributeValue> attributes) {
    return new ContactState(
        name,
        null,
        null,
        null,
        null,
        company,
        null,
        stage,
        null,
        null,
        null,
        Map.of(),
        attributes,
        null,
        null);
  }

  private static ContactState withTouches(Touch first, Touch last) {
    return new ContactState(
        null, null, null, null, null, null, null, "new", null, null, null, Map.of(), Map.of(),
        first, last);
  }
}
