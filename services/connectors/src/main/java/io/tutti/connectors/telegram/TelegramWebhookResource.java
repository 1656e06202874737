package io.tutti.connectors.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.tutti.connectors.config.ConnectorsConfig;
import io.tutti.connectors.inbound.InboundPipeline;
import io.tutti.connectors.inbound.Json;
import io.tutti.connectors.inbound.Signatures;
import io.tutti.connectors.inbound.WebhookAnswer;
import io.tutti.connectors.inbound.WebhookGate;
import io.tutti.connectors.inbound.WebhookMetrics;
import io.tutti.connectors.inbound.Webhooks;
import io.tutti.connectors.inbox.Channel;
import io.tutti.web.http.RunsToCompletion;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Telegram bot updates, authenticated by the secret token given to {@code setWebhook}. */
@Path("/webhooks/telegram/{inboxId}")
@RunsToCompletion
public class TelegramWebhookResource {

  static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

  private final WebhookGate gate;
  private final InboundPipeline pipeline;
  private final ObjectMapper json;
  private final ConnectorsConfig config;
  private final WebhookMetrics metrics;

  public TelegramWebhookResource(
      WebhookGate gate,
      InboundPipeline pipeline,
      ObjectMapper json,
      ConnectorsConfig config,
      WebhookMetrics metrics) {
    this.gate = gate;
    this.pipeline = pipeline;
    this.json = json;
    this.config = config;
    this.metrics = metrics;
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<WebhookAnswer> receive(
      @PathParam("inboxId") String inboxId,
      @HeaderParam("Content-Type") String contentType,
      @HeaderParam(SECRET_HEADER) String secret,
      byte[] body) {
    return metrics
        .observe(
            Channel.TELEGRAM,
            () ->
                gate.admit(
                        inboxId,
                        Channel.TELEGRAM,
                        contentType,
                        body,
                        config.webhookMaxBytes(),
                        MediaType.APPLICATION_JSON)
                    .chain(
                        inbox -> {
                          if (secret == null || secret.isEmpty()) {
                            throw Webhooks.badSignature(
                                "The " + SECRET_HEADER + " header is missing.");
                          }
                          if (!Signatures.equal(inbox.secrets().secretToken(), secret)) {
                            throw Webhooks.badSignature(
                                "The "
                                    + SECRET_HEADER
                                    + " header does not match this inbox's secret token.");
                          }
                          JsonNode update = Json.parse(json, body);
                          return pipeline.accept(
                              inbox,
                              contentType,
                              body,
                              List.of(TelegramNormaliser.normalise(update, inbox)));
                        }))
        .map(WebhookAnswer::of);
  }
}
