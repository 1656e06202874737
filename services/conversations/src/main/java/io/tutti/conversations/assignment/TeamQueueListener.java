package io.tutti.conversations.assignment;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Listens to the database for {@link AssignmentSignals} and has the named team queues served. Its
 * own connection, re-opened whenever it drops; what was signalled while it was down waits for the
 * scheduler's pass over every queue.
 */
@ApplicationScoped
public class TeamQueueListener {

  private static final Logger LOG = Logger.getLogger(TeamQueueListener.class);
  private static final long RECONNECT_MILLIS = 2_000;

  private final Vertx vertx;
  private final TeamQueues queues;
  private final String url;
  private final Optional<String> user;
  private final Optional<String> password;
  private PgSubscriber subscriber;
  private volatile boolean stopped;

  public TeamQueueListener(
      Vertx vertx,
      TeamQueues queues,
      @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
      @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
      @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
    this.vertx = vertx;
    this.queues = queues;
    this.url = url;
    this.user = user;
    this.password = password;
  }

  void start(@Observes StartupEvent event) {
    PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""));
    user.ifPresent(options::setUser);
    password.ifPresent(options::setPassword);
    subscriber = PgSubscriber.subscriber(vertx, options);
    subscriber.reconnectPolicy(attempts -> RECONNECT_MILLIS);
    subscriber.channel(AssignmentSignals.CHANNEL).handler(this::signalled);
    subscriber.closeHandler(() -> LOG.debug("assignment signals connection closed"));
    connect();
  }

  /** The reconnect policy covers a connection that drops; this one, a first connection refused. */
  private void connect() {
    subscriber
        .connect()
        .subscribe()
        .with(
            ignored -> LOG.debug("listening for assignment signals"),
            failure -> {
              LOG.warnf(
                  "cannot listen for assignment signals yet, queues wait for the scheduler: %s",
                  failure.toString());
              if (!stopped) {
                vertx.setTimer(RECONNECT_MILLIS, id -> connect());
              }
            });
  }

  void stop(@Observes ShutdownEvent event) {
    stopped = true;
    if (subscriber != null) {
      subscriber.closeAndAwait();
    }
  }

  private void signalled(String payload) {
    try {
      queues.serveSoon(UUID.fromString(payload));
    } catch (IllegalArgumentException e) {
      LOG.debugf("ignoring assignment signal %s", payload);
    }
  }
}
