package io.tutti.connectors.webchat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.HandshakeRequest;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.tutti.connectors.inbound.InboundPipeline;
import io.tutti.connectors.inbound.QueryString;
import io.tutti.connectors.inbox.Channel;
import io.tutti.connectors.inbox.InboxContext;
import io.tutti.connectors.inbox.InboxDirectory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The website chat socket a visitor's widget holds open: {@code /chat/ws?key={siteKey}&visitorId=
 * {id}}. Public (the site key only names the inbox; it is in every page's source), so everything a
 * visitor sends is checked, bounded and rate-limited, and nothing but their own frames comes back.
 *
 * <p>A message is acknowledged only after {@link InboundPipeline} committed it: the widget keeps
 * resending until then, and the pipeline's deduplication on visitor and message id makes a resend
 * harmless. Frames of one connection are handled one at a time, in order (the extension's default
 * serial processing), so acks come back in the order messages were sent.
 */
@WebSocket(path = ChatSocket.PATH)
public class ChatSocket {

  static final String PATH = "/chat/ws";

  /**
   * Close codes in the application range, after HTTP's: the widget gives up on these rather than
   * reconnecting, as retrying cannot help.
   */
  static final int BAD_REQUEST = 4400;

  static final int FORBIDDEN = 4403;
  static final int NOT_FOUND = 4404;

  /** Going away for a while (RFC 6455 "try again later"): the widget reconnects with backoff. */
  static final int TRY_AGAIN_LATER = 1013;

  static final Pattern VISITOR_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");
  private static final Pattern SITE_KEY = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final String CONTENT_TYPE = "application/json";

  private static final Logger LOG = Logger.getLogger(ChatSocket.class);
  private static final UserData.TypedKey<Visitor> VISITOR =
      new UserData.TypedKey<>("tutti.webchat.visitor");

  private final InboxDirectory directory;
  private final InboundPipeline pipeline;
  private final VisitorConnections connections;
  private final ObjectMapper json;
  private final WebChatConfig config;
  private final VisitorFrameReader reader;
  private final VisitorDelivery delivery;

  public ChatSocket(
      InboxDirectory directory,
      InboundPipeline pipeline,
      VisitorConnections connections,
      VisitorDelivery delivery,
      ObjectMapper json,
      WebChatConfig config) {
    this.directory = directory;
    this.pipeline = pipeline;
    this.connections = connections;
    this.delivery = delivery;
    this.json = json;
    this.config = config;
    this.reader = new VisitorFrameReader(json, config.maxTextLength());
  }

  /** A connection that was let in: whose it is, and how fast it may still send. */
  private record Visitor(InboxContext inbox, String visitorId, TokenBucket rate) {}

  @OnOpen
  public Uni<Void> open(WebSocketConnection connection) {
    HandshakeRequest handshake = connection.handshakeRequest();
    Map<String, String> query = QueryString.parse(handshake.query());
    String siteKey = query.get("key");
    String visitorId = query.get("visitorId");
    if (siteKey == null || siteKey.isEmpty()) {
      return refuse(connection, BAD_REQUEST, "The key query parameter (site key) is required.");
    }
    if (visitorId == null || !VISITOR_ID.matcher(visitorId).matches()) {
      return refuse(
          connection, BAD_REQUEST, "visitorId must be 8-64 characters of A-Z, a-z, 0-9, _ and -.");
    }
    if (!SITE_KEY.matcher(siteKey).matches()) {
      return refuse(connection, NOT_FOUND, "No website chat has this key.");
    }
    return directory
        .findBySiteKey(siteKey)
        .chain(inbox -> admit(connection, inbox, visitorId, handshake.header("Origin")))
        .onFailure()
        .recoverWithUni(
            failure -> {
              LOG.error("could not open a website chat connection", failure);
              return refuse(connection, TRY_AGAIN_LATER, "The chat is unavailable; try again.");
            });
  }

  private Uni<Void> admit(
      WebSocketConnection connection, InboxContext inbox, String visitorId, String origin) {
    if (inbox == null || inbox.channel() != Channel.WEB) {
      return refuse(connection, NOT_FOUND, "No website chat has this key.");
    }
    if (!AllowedOrigins.permit(inbox.settings().allowedOrigins(), origin)) {
      LOG.debugf("refused a chat connection to inbox %s from a page of another origin", inbox.id());
      return refuse(connection, FORBIDDEN, "This website may not use this chat.");
    }
    connection
        .userData()
        .put(
            VISITOR,
            new Visitor(
                inbox, visitorId, new TokenBucket(config.framesPerSecond(), config.frameBurst())));
    connections.add(inbox.id(), visitorId, connection);
    // Replies written while the visitor was away reach them now.
    return delivery
        .deliverWaiting(inbox.id(), visitorId)
        .onFailure()
        .recoverWithItem(
            failure -> {
              LOG.warnf(
                  "replies waiting for a visitor of inbox %s stay stored for now: %s",
                  inbox.id(), failure.toString());
              return 0;
            })
        .replaceWithVoid();
  }

  @OnTextMessage
  public Uni<Void> receive(String frame, WebSocketConnection connection) {
    Visitor visitor = connection.userData().get(VISITOR);
    if (visitor == null) {
      // Refused at open and being closed: whatever it sent meanwhile is not read.
      return Uni.createFrom().voidItem();
    }
    VisitorFrame parsed = null;
    InvalidFrameException invalid = null;
    try {
      parsed = reader.read(frame);
    } catch (InvalidFrameException e) {
      invalid = e;
    }
    if (!visitor.rate().tryTake()) {
      String id =
          parsed instanceof VisitorFrame.Message message
              ? message.id()
              : invalid != null ? invalid.id() : null;
      return send(
          connection,
          new ServerFrame.Error(id, "rate-limited", "Too many frames; wait a moment and resend."));
    }
    if (invalid != null) {
      return send(
          connection, new ServerFrame.Error(invalid.id(), invalid.code(), invalid.getMessage()));
    }
    return switch (parsed) {
      case VisitorFrame.Ping ping -> send(connection, new ServerFrame.Pong());
      case VisitorFrame.Message message -> store(connection, visitor, message, frame);
    };
  }

  @OnClose
  @NonBlocking
  public void close(WebSocketConnection connection) {
    Visitor visitor = connection.userData().get(VISITOR);
    if (visitor != null) {
      connections.remove(visitor.inbox().id(), visitor.visitorId(), connection);
    }
  }

  private Uni<Void> store(
      WebSocketConnection connection, Visitor visitor, VisitorFrame.Message message, String frame) {
    Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    return pipeline
        .accept(
            visitor.inbox(),
            CONTENT_TYPE,
            frame.getBytes(StandardCharsets.UTF_8),
            List.of(
                WebChatNormaliser.message(
                    visitor.inbox(), visitor.visitorId(), message, receivedAt)))
        .<ServerFrame>map(accepted -> new ServerFrame.Ack(message.id(), accepted.duplicates() > 0))
        .onFailure()
        .recoverWithItem(
            failure -> {
              LOG.errorf(
                  failure, "could not store a website chat message for inbox %s", visitor.inbox());
              return new ServerFrame.Error(
                  message.id(), "unavailable", "The message was not stored; send it again.");
            })
        .chain(reply -> send(connection, reply));
  }

  private Uni<Void> send(WebSocketConnection connection, ServerFrame frame) {
    String text;
    try {
      text = json.writeValueAsString(frame);
    } catch (JsonProcessingException e) {
      return Uni.createFrom().failure(e);
    }
    return connection
        .sendText(text)
        .onFailure()
        .recoverWithItem(
            failure -> {
              // The visitor went away before the answer: an unacknowledged message is resent by
              // the widget when it reconnects.
              LOG.debugf("could not answer chat connection %s: %s", connection.id(), failure);
              return null;
            });
  }

  private static Uni<Void> refuse(WebSocketConnection connection, int code, String reason) {
    return connection.close(new CloseReason(code, reason));
  }
}
