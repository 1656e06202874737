package io.tutti.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** conversations' "Who sees what", as the live socket applies it. */
class SightTest {

  private static final LiveUser ALICE = new LiveUser("acme", "alice", false, null);
  private static final LiveUser ADA = new LiveUser("acme", "ada", true, null);
  private static final Set<String> SUPPORT = Set.of("support");

  @Test
  void anAdminSeesEveryConversation() {
    assertThat(new Sight("zed", "sales").visibleTo(ADA, Set.of())).isTrue();
  }

  @Test
  void anAgentSeesWhatIsAssignedToThemWhateverItsTeam() {
    assertThat(new Sight("alice", "sales").visibleTo(ALICE, SUPPORT)).isTrue();
    assertThat(new Sight("alice", null).visibleTo(ALICE, Set.of())).isTrue();
  }

  @Test
  void anAgentSeesTheirTeamsConversationsWhoeverHasThem() {
    assertThat(new Sight(null, "support").visibleTo(ALICE, SUPPORT)).isTrue();
    assertThat(new Sight("tom", "support").visibleTo(ALICE, SUPPORT)).isTrue();
  }

  @Test
  void anAgentSeesAConversationNobodyHasTaken() {
    assertThat(new Sight(null, null).visibleTo(ALICE, Set.of())).isTrue();
  }

  @Test
  void anAgentDoesNotSeeAnotherTeamsOrSomeoneElsesConversation() {
    assertThat(new Sight(null, "sales").visibleTo(ALICE, SUPPORT)).isFalse();
    assertThat(new Sight("zed", "sales").visibleTo(ALICE, SUPPORT)).isFalse();
    assertThat(new Sight("zed", null).visibleTo(ALICE, SUPPORT)).isFalse();
  }
}
