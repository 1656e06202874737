package io.tutti.connectors.email;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.tutti.connectors.inbound.InboundItem;
import io.tutti.connectors.inbound.InboundPipeline;
import io.tutti.connectors.inbox.InboxContext;
import io.tutti.web.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Takes one raw email in, whichever way it came: its files and the delivery (raw bytes, dedup key,
 * outbox event) are written in one transaction, so an email is either wholly accepted or not at
 * all, and its attachment URLs never point at nothing.
 */
@ApplicationScoped
public class EmailIntake {

  /** The kind an unreadable fetched email is stored under. */
  static final String MALFORMED = "malformed";

  /** The kind an email above the size limit is stored under (its headers only). */
  static final String TOO_LARGE = "too-large";

  static final String RFC822 = "message/rfc822";

  private static final Logger LOG = Logger.getLogger(EmailIntake.class);

  private final EmailParser parser;
  private final EmailAttachmentRepository attachments;
  private final InboundPipeline pipeline;

  public EmailIntake(
      EmailParser parser, EmailAttachmentRepository attachments, InboundPipeline pipeline) {
    this.parser = parser;
    this.attachments = attachments;
    this.pipeline = pipeline;
  }

  /** Stores a parsed email. Hibernate Reactive: subscribe on the Vert.x context. */
  public Uni<InboundPipeline.Accepted> store(
      InboxContext inbox, String contentType, byte[] raw, ParsedEmail email) {
    // The pipeline's own withTransaction joins this one (Hibernate Reactive reuses the session's
    // open transaction), so the files commit or roll back with the delivery.
    return Panache.withTransaction(
        () ->
            attachments
                .store(inbox, sender(email), email.files())
                .chain(() -> pipeline.accept(inbox, contentType, raw, List.of(email.item()))));
  }

  private static String sender(ParsedEmail email) {
    return email.item() instanceof InboundItem.Message message
        ? message.payload().externalContactId()
        : null;
  }

  /**
   * Parses and stores an email fetched over IMAP, blocking until it is committed. An email that
   * cannot be read is stored as such rather than refused: the mailbox would offer it again forever.
   * Call from a worker thread, never an event loop.
   */
  public void takeFetched(InboxContext inbox, byte[] raw) {
    ParsedEmail email;
    try {
      email = parser.parse(inbox, raw);
    } catch (ProblemException e) {
      LOG.infof(
          "Inbox %s: a fetched email is not readable (%s); kept, not turned into a message",
          inbox.id(), e.problem().detail());
      email = ParsedEmail.ignored(MALFORMED);
    }
    storeAndWait(inbox, raw, email);
  }

  /** Records that an email too large to take arrived, keeping only its headers. */
  public void takeTooLarge(InboxContext inbox, byte[] headers) {
    storeAndWait(inbox, headers, ParsedEmail.ignored(TOO_LARGE));
  }

  private void storeAndWait(InboxContext inbox, byte[] raw, ParsedEmail email) {
    try {
      VertxContextSupport.subscribeAndAwait(() -> store(inbox, RFC822, raw, email));
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("storing an email for inbox " + inbox.id() + " failed", e);
    }
  }
}
