package io.tutti.connectors.email;

import io.tutti.connectors.inbox.InboxContext;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.jboss.logging.Logger;

/**
 * Reads one inbox's IMAP mailbox on its own thread until stopped: takes every unread email, hands
 * it to the {@link EmailIntake} and marks it {@code \Seen} only once that has committed (a crash in
 * between reads it again, and the Message-ID dedup makes that harmless). Between rounds it waits in
 * IDLE, so new mail arrives within seconds, but never longer than the poll interval, so a dead
 * connection is noticed; servers without IDLE are polled. Failures reconnect with backoff.
 */
final class MailboxWatcher implements Runnable {

  private static final Logger LOG = Logger.getLogger(MailboxWatcher.class);

  private final InboxContext inbox;
  private final ImapAccount account;
  private final ImapConfig config;
  private final int maxBytes;
  private final EmailIntake intake;
  private final ScheduledExecutorService timer;
  private final Executor helpers;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile IMAPFolder openFolder;
  private int failures;

  /**
   * @param timer schedules the end of each IDLE
   * @param helpers runs the commands that end an IDLE, which block until the server answers
   */
  MailboxWatcher(
      InboxContext inbox,
      ImapAccount account,
      ImapConfig config,
      int maxBytes,
      EmailIntake intake,
      ScheduledExecutorService timer,
      Executor helpers) {
    this.inbox = inbox;
    this.account = account;
    this.config = config;
    this.maxBytes = maxBytes;
    this.intake = intake;
    this.timer = timer;
    this.helpers = helpers;
  }

  ImapAccount account() {
    return account;
  }

  /** Asks the watcher to close its connection and end; it does so within one server answer. */
  void stop() {
    stopped.countDown();
    IMAPFolder folder = openFolder;
    if (folder != null) {
      wakeLater(folder);
    }
  }

  @Override
  public void run() {
    while (!isStopped()) {
      try {
        watch();
      } catch (MessagingException | IOException | RuntimeException e) {
        if (isStopped()) {
          break;
        }
        failures++;
        Duration wait = backoff();
        LOG.warnf(
            "Inbox %s: reading mail from %s failed (%s: %s); retrying in %s",
            inbox.id(),
            account,
            e.getClass().getSimpleName(),
            account.redact(e.getMessage()),
            wait);
        await(wait);
      }
    }
  }

  private void watch() throws MessagingException, IOException {
    Store store = Session.getInstance(properties()).getStore(account.protocol());
    IMAPFolder folder = null;
    try {
      store.connect(account.host(), account.port(), account.username(), account.password());
      folder = (IMAPFolder) store.getFolder("INBOX");
      folder.open(Folder.READ_WRITE);
      openFolder = folder;
      failures = 0;
      boolean idle = ((IMAPStore) store).hasCapability("IDLE");
      LOG.infof(
          "Inbox %s: reading mail from %s (%s)",
          inbox.id(), account, idle ? "IDLE" : "polling every " + config.pollInterval());
      while (!isStopped()) {
        takeUnseen(folder);
        if (isStopped()) {
          break;
        }
        if (idle) {
          idle(folder);
        } else {
          await(config.pollInterval());
        }
      }
    } finally {
      openFolder = null;
      close(folder, store);
    }
  }

  private void takeUnseen(IMAPFolder folder) throws MessagingException, IOException {
    Message[] unseen = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
    if (unseen.length == 0) {
      return;
    }
    FetchProfile sizes = new FetchProfile();
    sizes.add(FetchProfile.Item.SIZE);
    folder.fetch(unseen, sizes);
    for (Message message : unseen) {
      if (isStopped()) {
        return;
      }
      if (!message.isExpunged()) {
        take(message);
      }
    }
  }

  private void take(Message message) throws MessagingException, IOException {
    int size = message.getSize();
    byte[] raw = size > maxBytes ? null : bytes(message, size);
    if (raw == null || raw.length > maxBytes) {
      LOG.warnf(
          "Inbox %s: an email of %d bytes is over the limit of %d bytes; only its headers are kept",
          inbox.id(), raw == null ? size : raw.length, maxBytes);
      intake.takeTooLarge(inbox, headers(message));
    } else {
      intake.takeFetched(inbox, raw);
    }
    message.setFlag(Flags.Flag.SEEN, true);
  }

  /** Waits for news in IDLE, ended by the server's first notification or the poll interval. */
  private void idle(IMAPFolder folder) throws MessagingException {
    ScheduledFuture<?> end =
        timer.schedule(
            () -> wakeLater(folder), config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    try {
      folder.idle(true);
    } finally {
      end.cancel(false);
    }
  }

  /**
   * Ends an IDLE from another thread: any command on the folder makes Jakarta Mail send DONE first.
   * The NOOP then checks the connection; on a dead one the read timeout fails the watcher's own
   * IDLE, and it reconnects.
   */
  private void wakeLater(IMAPFolder folder) {
    try {
      helpers.execute(
          () -> {
            try {
              folder.doCommand(
                  protocol -> {
                    protocol.simpleCommand("NOOP", null);
                    return null;
                  });
            } catch (MessagingException | RuntimeException e) {
              LOG.debugf("Inbox %s: ending IDLE: %s", inbox.id(), account.redact(e.getMessage()));
            }
          });
    } catch (RejectedExecutionException e) {
      LOG.debugf("Inbox %s: not ending IDLE, shutting down", inbox.id());
    }
  }

  private static byte[] bytes(Message message, int size) throws MessagingException, IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(size, 1024));
    message.writeTo(out);
    return out.toByteArray();
  }

  private static byte[] headers(Message message) throws MessagingException {
    StringBuilder headers = new StringBuilder();
    for (String line : Collections.list(((MimeMessage) message).getAllHeaderLines())) {
      headers.append(line).append("\r\n");
    }
    return headers.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  private Properties properties() {
    String prefix = "mail." + account.protocol() + ".";
    Properties properties = new Properties();
    properties.setProperty(
        prefix + "connectiontimeout", String.valueOf(config.connectTimeout().toMillis()));
    properties.setProperty(prefix + "timeout", String.valueOf(config.readTimeout().toMillis()));
    // Fetch with BODY.PEEK so reading does not set \Seen: that flag means "committed in Tutti".
    properties.setProperty(prefix + "peek", "true");
    // One FETCH for the whole message instead of 16 KB slices.
    properties.setProperty(prefix + "partialfetch", "false");
    if (account.tls()) {
      properties.setProperty(prefix + "ssl.checkserveridentity", "true");
    }
    return properties;
  }

  private Duration backoff() {
    Duration first = config.retryBackoff();
    Duration max = config.retryMaxBackoff();
    Duration wait = first.multipliedBy(1L << Math.min(failures - 1, 20));
    if (wait.compareTo(max) > 0 || wait.isNegative()) {
      wait = max;
    }
    // Up to a fifth less, so inboxes on one failing server do not all retry at the same moment.
    long jitter = ThreadLocalRandom.current().nextLong(wait.toMillis() / 5 + 1);
    return wait.minusMillis(jitter);
  }

  private boolean isStopped() {
    return stopped.getCount() == 0;
  }

  private void await(Duration duration) {
    try {
      stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped.countDown();
    }
  }

  private void close(Folder folder, Store store) {
    try {
      if (folder != null && folder.isOpen()) {
        folder.close(false);
      }
    } catch (MessagingException | RuntimeException e) {
      LOG.debugf("Inbox %s: closing the folder: %s", inbox.id(), account.redact(e.getMessage()));
    }
    try {
      store.close();
    } catch (MessagingException | RuntimeException e) {
      LOG.debugf("Inbox %s: closing the store: %s", inbox.id(), account.redact(e.getMessage()));
    }
  }
}
