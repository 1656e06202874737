package io.tutti.connectors.email;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.tutti.connectors.config.ConnectorsConfig;
import io.tutti.connectors.inbox.Channel;
import io.tutti.connectors.inbox.Inbox;
import io.tutti.connectors.inbox.InboxContext;
import io.tutti.connectors.inbox.InboxDirectory;
import io.tutti.connectors.inbox.InboxRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Keeps one {@link MailboxWatcher} running for every email inbox with IMAP settings. The inbox
 * table is read at start and then every rescan interval: new inboxes start being read, changed ones
 * reconnect with their new settings, and removed ones stop, all without a restart. Each mailbox has
 * its own thread, so one failing server or wrong password never holds up the others.
 *
 * <p>Every replica reads every mailbox: two replicas may take the same email at once, and the
 * per-inbox Message-ID dedup turns that into one event.
 */
@ApplicationScoped
public class ImapPoller {

  private static final Logger LOG = Logger.getLogger(ImapPoller.class);

  private final InboxRepository inboxes;
  private final InboxDirectory directory;
  private final EmailIntake intake;
  private final ImapConfig config;
  private final int maxBytes;
  private final Map<UUID, Running> running = new ConcurrentHashMap<>();
  private final Set<UUID> unreadable = ConcurrentHashMap.newKeySet();
  private final ExecutorService threads;
  private final ScheduledExecutorService timer;
  private volatile boolean closed;

  public ImapPoller(
      InboxRepository inboxes,
      InboxDirectory directory,
      EmailIntake intake,
      ImapConfig config,
      ConnectorsConfig connectors) {
    this.inboxes = inboxes;
    this.directory = directory;
    this.intake = intake;
    this.config = config;
    this.maxBytes = connectors.emailMaxBytes();
    // IMAP is blocking I/O: platform threads of our own, never the event loop or the shared pool.
    this.threads =
        Executors.newCachedThreadPool(
            Thread.ofPlatform().name("tutti-imap-", 0).daemon().factory());
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("tutti-imap-timer").daemon().factory());
  }

  /** Starts, restarts and stops watchers to match the inbox table. */
  @Scheduled(
      identity = "tutti-imap-rescan",
      every = "${tutti.connectors.imap.rescan-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void rescan() {
    if (!config.enabled() || closed) {
      return;
    }
    Map<UUID, Wanted> wanted = wanted();
    running
        .entrySet()
        .removeIf(
            entry -> {
              Wanted want = wanted.get(entry.getKey());
              Running current = entry.getValue();
              if (want != null
                  && want.account().equals(current.watcher().account())
                  && !current.thread().isDone()) {
                return false;
              }
              current.watcher().stop();
              return true;
            });
    wanted.forEach(
        (id, want) -> {
          if (!closed && !running.containsKey(id)) {
            start(want).ifPresent(started -> running.put(id, started));
          }
        });
  }

  void stop(@Observes ShutdownEvent event) {
    closed = true;
    running.values().forEach(current -> current.watcher().stop());
    running.clear();
    timer.shutdownNow();
    threads.shutdown();
    try {
      if (!threads.awaitTermination(2, TimeUnit.SECONDS)) {
        threads.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      threads.shutdownNow();
    }
  }

  private Map<UUID, Wanted> wanted() {
    List<Inbox> emailInboxes;
    try {
      emailInboxes =
          VertxContextSupport.subscribeAndAwait(
              () -> Panache.withSession(() -> inboxes.list("channel", Channel.EMAIL.id())));
    } catch (Error e) {
      throw e;
    } catch (Throwable e) {
      // Keep the running watchers as they are until the table can be read again.
      LOG.warnf("Cannot read the email inboxes to fetch IMAP mail for: %s", e.getMessage());
      Map<UUID, Wanted> unchanged = new HashMap<>();
      running.forEach(
          (id, current) -> unchanged.put(id, new Wanted(current.inbox(), current.account())));
      return unchanged;
    }
    Map<UUID, Wanted> wanted = new HashMap<>();
    for (Inbox inbox : emailInboxes) {
      try {
        InboxContext context = directory.open(inbox);
        ImapAccount account = ImapAccount.of(context);
        if (account != null) {
          wanted.put(inbox.id, new Wanted(context, account));
        }
      } catch (RuntimeException e) {
        // Once per inbox: a lost encryption key would otherwise repeat this every rescan.
        if (unreadable.add(inbox.id)) {
          LOG.warnf("Inbox %s: its IMAP settings cannot be read: %s", inbox.id, e.getMessage());
        }
        continue;
      }
      unreadable.remove(inbox.id);
    }
    return wanted;
  }

  private Optional<Running> start(Wanted want) {
    MailboxWatcher watcher =
        new MailboxWatcher(want.inbox(), want.account(), config, maxBytes, intake, timer, threads);
    try {
      return Optional.of(new Running(want.inbox(), watcher, threads.submit(watcher)));
    } catch (RejectedExecutionException e) {
      return Optional.empty();
    }
  }

  private record Wanted(InboxContext inbox, ImapAccount account) {}

  private record Running(InboxContext inbox, MailboxWatcher watcher, Future<?> thread) {
    ImapAccount account() {
      return watcher.account();
    }
  }
}
