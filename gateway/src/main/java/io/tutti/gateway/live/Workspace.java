package io.tutti.gateway.live;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The live state of one workspace on this gateway: its open sockets, its replay buffer and who is
 * in which of its teams. Events are delivered in the order they came, one workspace at a time; the
 * sockets, the buffer and the held events are guarded by this object.
 */
final class Workspace {

  final String id;
  final ReplayBuffer replay;

  /** Sockets that get this workspace's events. */
  final Set<LiveSocket> sockets = new LinkedHashSet<>();

  /** Events waiting for the teams to be read again, in order. */
  final ArrayDeque<LiveEvent> held = new ArrayDeque<>();

  boolean holding;

  /**
   * Teams an event named while unknown, each of which had the teams read again once: a team still
   * unknown after that holds no more events until the next periodic read.
   */
  final Set<String> askedTeams = new HashSet<>();

  /** Sockets opening or open; the workspace is forgotten only a replay age after none is. */
  int members;

  long idleSince;

  private volatile Map<String, Set<String>> teamsByMember = Map.of();
  private volatile Set<String> knownTeams = Set.of();

  /** When the teams were last read, in milliseconds; 0 for never. */
  long teamsReadAt;

  Uni<Void> teamsReading;

  Workspace(String id, ReplayBuffer replay) {
    this.id = id;
    this.replay = replay;
  }

  /** The teams a user belongs to, as last read. */
  Set<String> teamsOf(String userId) {
    return teamsByMember.getOrDefault(userId, Set.of());
  }

  boolean knowsTeam(String teamId) {
    return knownTeams.contains(teamId);
  }

  /** Takes in conversations' {@code GET /api/teams}. */
  void teamsAre(JsonArray teams) {
    Map<String, Set<String>> byMember = new HashMap<>();
    Set<String> known = new HashSet<>();
    for (Object item : teams) {
      if (!(item instanceof JsonObject team) || !(team.getValue("id") instanceof String teamId)) {
        continue;
      }
      known.add(teamId);
      JsonArray members = team.getJsonArray("memberIds", new JsonArray());
      for (Object member : members) {
        if (member instanceof String memberId) {
          byMember.computeIfAbsent(memberId, m -> new HashSet<>()).add(teamId);
        }
      }
    }
    byMember.replaceAll((member, ids) -> Set.copyOf(ids));
    teamsByMember = Map.copyOf(byMember);
    knownTeams = Set.copyOf(known);
  }

  /** Whether an agent or sales rep (not only admins) holds a socket here. Caller holds the lock. */
  boolean hasNonAdmins() {
    return sockets.stream().anyMatch(socket -> !socket.user().admin());
  }

  /** The token of the newest socket that has one, to read the teams with. Caller holds the lock. */
  String newestToken() {
    List<LiveSocket> open = List.copyOf(sockets);
    for (LiveSocket socket : open.reversed()) {
      if (socket.user().accessToken() != null && !socket.isClosing()) {
        return socket.user().accessToken();
      }
    }
    return null;
  }
}
