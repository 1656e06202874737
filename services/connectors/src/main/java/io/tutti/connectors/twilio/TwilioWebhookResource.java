package io.tutti.connectors.twilio;

import io.smallrye.mutiny.Uni;
import io.tutti.connectors.config.ConnectorsConfig;
import io.tutti.connectors.inbound.InboundPipeline;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** Twilio SMS and MMS: incoming messages and status callbacks, form-encoded and signed. */
@Path("/webhooks/twilio/{inboxId}")
@RunsToCompletion
public class TwilioWebhookResource {

  static final String SIGNATURE_HEADER = "X-Twilio-Signature";

  /** Empty TwiML: Tutti answers later, through the API, when an agent replies. */
  static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

  private final WebhookGate gate;
  private final InboundPipeline pipeline;
  private final ConnectorsConfig config;
  private final WebhookMetrics metrics;

  public TwilioWebhookResource(
      WebhookGate gate, InboundPipeline pipeline, ConnectorsConfig config, WebhookMetrics metrics) {
    this.gate = gate;
    this.pipeline = pipeline;
    this.config = config;
    this.metrics = metrics;
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.TEXT_XML)
  public Uni<String> receive(
      @PathParam("inboxId") String inboxId,
      @HeaderParam("Content-Type") String contentType,
      @HeaderParam(SIGNATURE_HEADER) String signature,
      @Context UriInfo uri,
      byte[] body) {
    String query = uri.getRequestUri().getRawQuery();
    return metrics
        .observe(
            Channel.SMS,
            () ->
                gate.admit(
                        inboxId,
                        Channel.SMS,
                        contentType,
                        body,
                        config.webhookMaxBytes(),
                        MediaType.APPLICATION_FORM_URLENCODED)
                    .chain(
                        inbox -> {
                          if (signature == null || signature.isBlank()) {
                            throw Webhooks.badSignature(
                                "The " + SIGNATURE_HEADER + " header is missing.");
                          }
                          FormBody form = FormBody.parse(body);
                          // Twilio signs the URL it was given: the inbox's public webhook URL, as
                          // shown to the admin, plus any query string they added to it.
                          String url = inbox.webhookUrl() + (query == null ? "" : "?" + query);
                          if (!TwilioSignature.valid(
                              inbox.secrets().authToken(), url, form.params(), signature)) {
                            throw Webhooks.badSignature(
                                "The "
                                    + SIGNATURE_HEADER
                                    + " header does not match this inbox's webhook URL, the"
                                    + " parameters and the auth token.");
                          }
                          return pipeline.accept(
                              inbox,
                              contentType,
                              body,
                              List.of(TwilioNormaliser.normalise(form, inbox)));
                        }))
        .replaceWith(EMPTY_TWIML);
  }
}
