package io.tutti.connectors.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tutti.connectors.config.ConnectorsConfig;
import io.tutti.connectors.inbound.AccountRouter;
import io.tutti.connectors.inbound.InboundItem;
import io.tutti.connectors.inbound.InboundPipeline;
import io.tutti.connectors.inbound.Json;
import io.tutti.connectors.inbound.Signatures;
import io.tutti.connectors.inbound.WebhookAnswer;
import io.tutti.connectors.inbound.WebhookGate;
import io.tutti.connectors.inbound.WebhookMetrics;
import io.tutti.connectors.inbound.Webhooks;
import io.tutti.connectors.inbox.Channel;
import io.tutti.connectors.inbox.InboxContext;
import io.tutti.connectors.inbox.InboxDirectory;
import io.tutti.web.http.RunsToCompletion;
import io.tutti.web.problem.Problem;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Messenger, Instagram and WhatsApp Cloud API webhooks: Meta's verification handshake, and
 * deliveries signed with {@code X-Hub-Signature-256} over the raw body.
 */
@Path("/webhooks")
@RunsToCompletion
public class MetaWebhookResource {

  static final String SIGNATURE_HEADER = "X-Hub-Signature-256";
  private static final String SIGNATURE_PREFIX = "sha256=";

  private final InboxDirectory directory;
  private final WebhookGate gate;
  private final InboundPipeline pipeline;
  private final ObjectMapper json;
  private final ConnectorsConfig config;
  private final WebhookMetrics metrics;

  public MetaWebhookResource(
      InboxDirectory directory,
      WebhookGate gate,
      InboundPipeline pipeline,
      ObjectMapper json,
      ConnectorsConfig config,
      WebhookMetrics metrics) {
    this.directory = directory;
    this.gate = gate;
    this.pipeline = pipeline;
    this.json = json;
    this.config = config;
    this.metrics = metrics;
  }

  /** Meta calls this once when the admin saves the callback URL; it must echo the challenge. */
  @GET
  @Path("/{channel:messenger|instagram|whatsapp}/{inboxId}")
  @Produces(MediaType.TEXT_PLAIN)
  public Uni<String> verify(
      @PathParam("channel") String channel,
      @PathParam("inboxId") String inboxId,
      @QueryParam("hub.mode") String mode,
      @QueryParam("hub.verify_token") String verifyToken,
      @QueryParam("hub.challenge") String challenge) {
    return gate.inbox(inboxId, Channel.of(channel).orElseThrow())
        .map(
            inbox -> {
              if (!"subscribe".equals(mode) || challenge == null || challenge.isEmpty()) {
                throw Problem.badRequest(
                        "Expected hub.mode=subscribe with hub.verify_token and hub.challenge.")
                    .exception();
              }
              if (!Signatures.equal(inbox.verifyToken(), verifyToken)) {
                throw new Problem(
                        Problem.type("invalid-verify-token"),
                        "Forbidden",
                        403,
                        "hub.verify_token does not match this inbox's verify token.")
                    .exception();
              }
              return challenge;
            });
  }

  @POST
  @Path("/{channel:messenger|instagram|whatsapp}/{inboxId}")
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Uni<WebhookAnswer> receive(
      @PathParam("channel") String channelName,
      @PathParam("inboxId") String inboxId,
      @HeaderParam("Content-Type") String contentType,
      @HeaderParam(SIGNATURE_HEADER) String signature,
      byte[] body) {
    Channel channel = Channel.of(channelName).orElseThrow();
    return metrics
        .observe(
            channel,
            () ->
                gate.admit(
                        inboxId,
                        channel,
                        contentType,
                        body,
                        config.webhookMaxBytes(),
                        MediaType.APPLICATION_JSON)
                    .chain(
                        inbox -> {
                          verifySignature(inbox, signature, body);
                          JsonNode root = Json.parse(json, body);
                          List<String> accounts =
                              channel == Channel.WHATSAPP
                                  ? WhatsAppNormaliser.accountIds(root)
                                  : MessengerNormaliser.accountIds(root);
                          return router(inbox, accounts)
                              .map(router -> normalise(channel, root, router))
                              .chain(items -> pipeline.accept(inbox, contentType, body, items));
                        }))
        .map(WebhookAnswer::of);
  }

  private static List<InboundItem> normalise(Channel channel, JsonNode root, AccountRouter router) {
    return channel == Channel.WHATSAPP
        ? WhatsAppNormaliser.normalise(root, router)
        : MessengerNormaliser.normalise(root, channel.id(), router);
  }

  /**
   * Entries for the URL's own account, or for none it knows, go to the URL's inbox; entries for
   * another account that the workspace connected on the same channel go to that inbox.
   */
  private Uni<AccountRouter> router(InboxContext inbox, List<String> accounts) {
    List<String> others =
        accounts.stream().filter(account -> !account.equals(inbox.accountId())).toList();
    if (others.isEmpty()) {
      return Uni.createFrom().item(AccountRouter.only(inbox));
    }
    Map<String, InboxContext> found = new HashMap<>();
    return Multi.createFrom()
        .iterable(others)
        .onItem()
        .transformToUniAndConcatenate(
            account ->
                directory
                    .findByAccount(inbox.workspaceId(), inbox.channel(), account)
                    .invoke(
                        other -> {
                          if (other != null) {
                            found.put(account, other);
                          }
                        }))
        .collect()
        .last()
        .map(ignored -> account -> account == null ? inbox : found.getOrDefault(account, inbox));
  }

  private static void verifySignature(InboxContext inbox, String header, byte[] body) {
    if (header == null || header.isBlank()) {
      throw Webhooks.badSignature("The " + SIGNATURE_HEADER + " header is missing.");
    }
    String given = header.strip().toLowerCase(Locale.ROOT);
    String expected =
        SIGNATURE_PREFIX + Signatures.hmacSha256Hex(inbox.secrets().appSecret(), body);
    if (!Signatures.equal(expected, given)) {
      throw Webhooks.badSignature(
          "The "
              + SIGNATURE_HEADER
              + " header does not match the body and this inbox's app secret.");
    }
  }
}
