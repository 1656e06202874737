package io.tutti.gateway.live;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Pushes each event from the broker to every open socket of its workspace whose user may see it,
 * keeps what a reconnecting socket may resume from, and keeps every workspace's team memberships
 * fresh enough to decide.
 *
 * <p>Teams are read from conversations ({@code GET /api/teams}, with a user's own token) when a
 * socket opens, every {@link LiveConfig#teamsTtl()} while an agent is connected, and when an event
 * names a team this gateway does not know (just created, perhaps with the agent in it): then the
 * workspace's events wait, in order, until the teams are read, at most the request timeout.
 */
@ApplicationScoped
class LiveHub {

  private static final Logger LOG = Logger.getLogger(LiveHub.class);

  /** A new socket reads its workspace's teams unless they were read less than this ago. */
  static final long TEAMS_MIN_AGE_MILLIS = 1_000;

  private final Vertx vertx;
  private final LiveConfig config;
  private final ConversationsClient conversations;
  private final BrokerSubscription broker;
  private final AgentPresence presence;
  private final LiveMetrics metrics;
  private final Map<String, Workspace> workspaces = new ConcurrentHashMap<>();
  private final Set<LiveSocket> sockets = ConcurrentHashMap.newKeySet();
  private long pings = -1;
  private long teams = -1;

  LiveHub(
      Vertx vertx,
      LiveConfig config,
      ConversationsClient conversations,
      BrokerSubscription broker,
      AgentPresence presence,
      LiveMetrics metrics) {
    this.vertx = vertx;
    this.config = config;
    this.conversations = conversations;
    this.broker = broker;
    this.presence = presence;
    this.metrics = metrics;
  }

  void start(@Observes StartupEvent started) {
    broker.start(this::dispatch, this::gap);
    pings = vertx.setPeriodic(config.pingInterval().toMillis(), id -> ping());
    teams = vertx.setPeriodic(config.teamsTtl().toMillis(), id -> keepTeamsFresh());
  }

  @PreDestroy
  void stop() {
    vertx.cancelTimer(pings);
    vertx.cancelTimer(teams);
  }

  /**
   * A socket opened: counted in (or closed, over a limit), given the teams of its workspace, then
   * what it missed since its {@code lastEventId} (or a refresh), then everything new.
   */
  Uni<Void> open(LiveSocket socket) {
    AgentPresence.Refusal refusal = presence.join(socket);
    if (refusal != null) {
      socket.close(refusal.code(), refusal.reason(), refusal.cause());
      return Uni.createFrom().voidItem();
    }
    sockets.add(socket);
    metrics.opened();
    LiveUser user = socket.user();
    Workspace workspace =
        workspaces.compute(
            user.workspaceId(),
            (id, known) -> {
              Workspace ws = known != null ? known : newWorkspace(id);
              synchronized (ws) {
                ws.members++;
              }
              return ws;
            });
    // A fresh socket gets, once registered, what arrived while its teams were read.
    UUID since;
    synchronized (workspace) {
      since = workspace.replay.newestId();
    }
    Uni<Void> teamsRead =
        user.admin() || user.accessToken() == null
            ? Uni.createFrom().voidItem()
            : readTeams(workspace, user.accessToken(), false);
    return teamsRead.invoke(() -> register(workspace, socket, since));
  }

  /** A socket closed, whoever closed it. */
  void closed(LiveSocket socket) {
    socket.ended();
    if (!sockets.remove(socket)) {
      return;
    }
    metrics.ended();
    presence.leave(socket);
    Workspace workspace = workspaces.get(socket.user().workspaceId());
    if (workspace != null) {
      synchronized (workspace) {
        workspace.sockets.remove(socket);
        if (--workspace.members == 0) {
          workspace.idleSince = System.currentTimeMillis();
        }
      }
    }
  }

  /** The client answered a ping or sent a frame. */
  void alive(LiveSocket socket) {
    socket.alive();
  }

  /** An event from the broker. */
  void dispatch(LiveEvent event) {
    Workspace workspace = workspaces.get(event.workspaceId());
    if (workspace == null) {
      // Nobody of the workspace has been here within a replay age: nobody could resume from it.
      return;
    }
    synchronized (workspace) {
      if (workspace.holding) {
        workspace.held.addLast(event);
        return;
      }
      String team = event.teamId();
      if (team != null
          && !workspace.knowsTeam(team)
          && workspace.hasNonAdmins()
          && workspace.askedTeams.add(team)) {
        workspace.holding = true;
        workspace.held.addLast(event);
        readTeams(workspace, null, true)
            .subscribe()
            .with(ok -> release(workspace), failure -> release(workspace));
        return;
      }
      deliver(workspace, event);
    }
  }

  /**
   * This gateway missed events (the broker was away): nothing before now can be resumed, and every
   * open socket reloads.
   */
  void gap() {
    LOG.info("live updates resumed after a broker outage; every socket is told to refresh");
    for (Workspace workspace : workspaces.values()) {
      synchronized (workspace) {
        workspace.replay.clear();
        for (LiveSocket socket : workspace.sockets) {
          socket.write(LiveFrames.REFRESH);
        }
      }
    }
  }

  private Workspace newWorkspace(String id) {
    return new Workspace(
        id, new ReplayBuffer(config.replaySize(), config.replayAge(), System::currentTimeMillis));
  }

  /**
   * Replays what the socket missed: after its {@code lastEventId}, or for a fresh socket after the
   * newest event when it opened ({@code since}, null when there was none), then registers it.
   */
  private void register(Workspace workspace, LiveSocket socket, UUID since) {
    synchronized (workspace) {
      if (socket.isClosing()) {
        return;
      }
      Optional<List<LiveEvent>> missed;
      if (socket.lastEventId() != null) {
        missed = workspace.replay.after(socket.lastEventId());
      } else if (since != null) {
        missed = workspace.replay.after(since);
      } else {
        missed = Optional.of(workspace.replay.all());
      }
      replay(workspace, socket, missed);
      workspace.sockets.add(socket);
      socket.write(LiveFrames.READY);
    }
  }

  /**
   * Writes the missed events the user may see; a refresh instead when they are not known, or when
   * they would take more than half the send buffer (reloading costs less than a socket closed for
   * slowness, which would reconnect to the same replay).
   */
  private void replay(Workspace workspace, LiveSocket socket, Optional<List<LiveEvent>> missed) {
    if (missed.isEmpty()) {
      socket.write(LiveFrames.REFRESH);
      return;
    }
    LiveUser user = socket.user();
    Set<String> teamsOfUser = workspace.teamsOf(user.userId());
    List<LiveEvent> events = new ArrayList<>();
    List<String> frames = new ArrayList<>();
    long size = 0;
    for (LiveEvent event : missed.get()) {
      String frame = event.frameFor(user, teamsOfUser);
      if (frame != null) {
        events.add(event);
        frames.add(frame);
        size += frame.length();
      }
    }
    if (size > socket.sendBuffer() / 2) {
      socket.write(LiveFrames.REFRESH);
      return;
    }
    for (int i = 0; i < frames.size(); i++) {
      socket.push(frames.get(i), events.get(i).typeOf(frames.get(i)));
    }
  }

  private void release(Workspace workspace) {
    synchronized (workspace) {
      workspace.holding = false;
      while (!workspace.held.isEmpty()) {
        deliver(workspace, workspace.held.removeFirst());
      }
    }
  }

  /** Caller holds the workspace's lock. */
  private void deliver(Workspace workspace, LiveEvent event) {
    workspace.replay.add(event);
    for (LiveSocket socket : workspace.sockets) {
      LiveUser user = socket.user();
      String frame = event.frameFor(user, workspace.teamsOf(user.userId()));
      if (frame != null) {
        socket.push(frame, event.typeOf(frame));
      }
    }
  }

  /**
   * Reads the workspace's teams with the token (or the newest socket's), unless a read is under way
   * (then that one) or, when {@code force} is off, one ended less than a second ago. Never fails:
   * without an answer the teams stay as they were.
   */
  private Uni<Void> readTeams(Workspace workspace, String token, boolean force) {
    Uni<Void> reading;
    synchronized (workspace) {
      if (workspace.teamsReading != null) {
        return workspace.teamsReading;
      }
      long now = System.currentTimeMillis();
      if (!force && now - workspace.teamsReadAt < TEAMS_MIN_AGE_MILLIS) {
        return Uni.createFrom().voidItem();
      }
      String with = token != null ? token : workspace.newestToken();
      if (with == null) {
        return Uni.createFrom().voidItem();
      }
      reading =
          conversations
              .teams(with)
              .invoke(
                  answer -> {
                    workspace.teamsAre(answer);
                    synchronized (workspace) {
                      workspace.teamsReadAt = System.currentTimeMillis();
                    }
                  })
              .replaceWithVoid()
              .onFailure()
              .invoke(
                  failure ->
                      LOG.debugf("teams of %s not read: %s", workspace.id, failure.getMessage()))
              .onFailure()
              .recoverWithNull()
              .eventually(
                  () -> {
                    synchronized (workspace) {
                      workspace.teamsReading = null;
                    }
                  })
              .memoize()
              .indefinitely();
      workspace.teamsReading = reading;
    }
    return reading;
  }

  private void ping() {
    for (LiveSocket socket : List.copyOf(sockets)) {
      socket.ping();
    }
  }

  /** Reads again the teams of workspaces with agents, and forgets those long without sockets. */
  private void keepTeamsFresh() {
    long now = System.currentTimeMillis();
    long ttl = config.teamsTtl().toMillis();
    long forgetBefore = now - config.replayAge().toMillis();
    for (Workspace workspace : workspaces.values()) {
      boolean stale;
      synchronized (workspace) {
        stale = workspace.hasNonAdmins() && now - workspace.teamsReadAt >= ttl;
        if (stale) {
          workspace.askedTeams.clear();
        }
      }
      if (stale) {
        readTeams(workspace, null, true).subscribe().with(ok -> {}, failure -> {});
      }
      workspaces.computeIfPresent(
          workspace.id,
          (id, ws) -> {
            synchronized (ws) {
              return ws.members == 0 && ws.idleSince < forgetBefore ? null : ws;
            }
          });
    }
  }
}
