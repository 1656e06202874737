package io.tutti.connectors.email;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tutti.connectors.config.ConnectorsConfig;
import io.tutti.connectors.inbound.Signatures;
import io.tutti.connectors.inbound.WebhookAnswer;
import io.tutti.connectors.inbound.WebhookGate;
import io.tutti.connectors.inbound.WebhookMetrics;
import io.tutti.connectors.inbound.Webhooks;
import io.tutti.connectors.inbox.Channel;
import io.tutti.connectors.inbox.InboxContext;
import io.tutti.web.http.RunsToCompletion;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.Executor;

/**
 * Raw emails (RFC 5322) posted by a mail provider's inbound route or a forwarding script,
 * authenticated by the inbox's shared secret as a bearer token.
 */
@Path("/webhooks/email/{inboxId}")
@RunsToCompletion
public class EmailWebhookResource {

  private static final String BEARER = "Bearer ";

  private final WebhookGate gate;
  private final EmailParser parser;
  private final EmailIntake intake;
  private final ConnectorsConfig config;
  private final WebhookMetrics metrics;

  public EmailWebhookResource(
      WebhookGate gate,
      EmailParser parser,
      EmailIntake intake,
      ConnectorsConfig config,
      WebhookMetrics metrics) {
    this.gate = gate;
    this.parser = parser;
    this.intake = intake;
    this.config = config;
    this.metrics = metrics;
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<WebhookAnswer> receive(
      @PathParam("inboxId") String inboxId,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      byte[] body) {
    // The request's Vert.x context: Hibernate Reactive must be called on it, after the parsing has
    // been done on a worker thread.
    Context context = Vertx.currentContext();
    Executor onContext = task -> context.runOnContext(ignored -> task.run());
    return metrics
        .observe(
            Channel.EMAIL,
            () ->
                gate.admit(
                        inboxId,
                        Channel.EMAIL,
                        contentType,
                        body,
                        config.emailMaxBytes(),
                        "message/rfc822",
                        MediaType.TEXT_PLAIN,
                        MediaType.APPLICATION_OCTET_STREAM)
                    .invoke(inbox -> authenticate(inbox, authorization))
                    .chain(
                        inbox ->
                            Uni.createFrom()
                                .item(() -> parser.parse(inbox, body))
                                // A 10 MB message with attachments takes a while to decode.
                                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                                .emitOn(onContext)
                                .chain(email -> intake.store(inbox, contentType, body, email))))
        .map(WebhookAnswer::of);
  }

  private static void authenticate(InboxContext inbox, String authorization) {
    if (authorization == null
        || authorization.length() <= BEARER.length()
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw Webhooks.badSignature("The Authorization: Bearer <inbound secret> header is missing.");
    }
    String token = authorization.substring(BEARER.length()).strip();
    if (!Signatures.equal(inbox.secrets().inboundSecret(), token)) {
      throw Webhooks.badSignature("The bearer token does not match this inbox's inbound secret.");
    }
  }
}
