package io.tutti.conversations.agent;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tutti.conversations.assignment.AssignmentSignals;
import io.tutti.conversations.config.AssignmentConfig;
import io.tutti.web.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is here. Every authenticated request (and the gateway's heartbeat for an agent who only
 * watches the live queue) says its agent is present; an online agent not seen for the presence
 * timeout goes offline by themselves, and comes back online when seen again. An agent who chose
 * away or offline stays so whatever Tutti sees.
 *
 * <p>Seeing an agent is a database write, made at most once per {@link
 * AssignmentConfig#presenceRefresh()} per agent and replica: the throttle is only an optimisation,
 * since the timeout is longer than the refresh, an agent seen by any replica within it is never
 * taken offline.
 */
@ApplicationScoped
public class Presence {

  /** Agents whose last refresh is remembered before the stale ones are forgotten. */
  private static final int MAX_REMEMBERED = 10_000;

  private final Clock clock;
  private final AssignmentConfig config;
  private final AssignmentSignals signals;
  private final Map<Agent.Key, Instant> refreshed = new ConcurrentHashMap<>();

  public Presence(Clock clock, AssignmentConfig config, AssignmentSignals signals) {
    this.clock = clock;
    this.config = config;
    this.signals = signals;
  }

  /** The caller was seen now; their record is created or refreshed unless it was just now. */
  public Uni<Void> seen(Caller caller) {
    String workspaceId = caller.claim(Caller.WORKSPACE_CLAIM);
    Set<String> roles = new TreeSet<>(caller.roles());
    roles.retainAll(Caller.ROLES);
    if (workspaceId == null || workspaceId.isBlank() || roles.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    Instant now = now();
    Agent.Key key = new Agent.Key(workspaceId, caller.userId());
    Instant last = refreshed.get(key);
    if (last != null && !last.isAfter(now) && last.isAfter(now.minus(refresh()))) {
      return Uni.createFrom().voidItem();
    }
    if (refreshed.size() > MAX_REMEMBERED) {
      Instant stale = now.minus(refresh());
      refreshed.values().removeIf(at -> at.isBefore(stale));
    }
    refreshed.put(key, now);
    String name = caller.claim("name");
    return Panache.withTransaction(
            () -> upsert(key, caller.username(), name, roles, now).replaceWithVoid())
        .onFailure()
        .invoke(() -> refreshed.remove(key, now));
  }

  /** Takes offline every online agent not seen for the timeout; how many went. */
  public Uni<Integer> expire() {
    Instant now = now();
    return Panache.withTransaction(
        () ->
            Panache.getSession()
                .chain(
                    session ->
                        session
                            .createNativeQuery(
                                "update agent set availability = 'offline', auto_offline = true,"
                                    + " updated_at = :now where availability = 'online' and"
                                    + " (last_seen_at is null or last_seen_at < :cutoff)")
                            .setParameter("now", now)
                            .setParameter(
                                "cutoff",
                                OffsetDateTime.ofInstant(
                                    now.minus(config.presenceTimeout()), ZoneOffset.UTC))
                            .executeUpdate()));
  }

  /** Whether the agent takes conversations now: online, and seen within the timeout. */
  public boolean present(Agent agent, Instant now) {
    return Availability.ONLINE.id().equals(agent.availability)
        && agent.lastSeenAt != null
        && !agent.lastSeenAt.isBefore(now.minus(config.presenceTimeout()));
  }

  public Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * Creates or refreshes the record from the token; an agent Tutti had taken offline is online
   * again, and their teams' queues are served.
   */
  private Uni<Void> upsert(
      Agent.Key key, String username, String name, Set<String> roles, Instant now) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .<Boolean>createNativeQuery(
                        "with prior as (select auto_offline from agent where workspace_id ="
                            + " :workspace and id = :id) insert into agent (workspace_id, id,"
                            + " username, name, roles, availability, auto_offline, capacity,"
                            + " last_seen_at, created_at, updated_at) values (:workspace, :id,"
                            + " :username, :name, cast(:roles as text[]), 'online', false,"
                            + " :capacity, :now, :now, :now) on conflict (workspace_id, id) do"
                            + " update set username = excluded.username, name = excluded.name,"
                            + " roles = excluded.roles, last_seen_at ="
                            + " greatest(agent.last_seen_at, excluded.last_seen_at), availability"
                            + " = case when agent.auto_offline then 'online' else"
                            + " agent.availability end, auto_offline = false returning"
                            + " coalesce((select auto_offline from prior), false)")
                    .setParameter("workspace", key.workspaceId())
                    .setParameter("id", key.id())
                    .setParameter("username", clip(username))
                    .setParameter("name", clip(name == null || name.isBlank() ? username : name))
                    .setParameter("roles", roles.toArray(String[]::new))
                    .setParameter("capacity", config.defaultCapacity())
                    .setParameter("now", now)
                    .getSingleResult())
        .chain(
            cameBack ->
                Boolean.TRUE.equals(cameBack)
                    ? signals.agentTeams(key.workspaceId(), key.id())
                    : Uni.createFrom().voidItem());
  }

  private Duration refresh() {
    Duration half = config.presenceTimeout().dividedBy(2);
    return config.presenceRefresh().compareTo(half) < 0 ? config.presenceRefresh() : half;
  }

  private static String clip(String value) {
    return value == null || value.length() <= 200 ? value : value.substring(0, 200);
  }
}
