package io.tutti.profiles.timeline;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Conversations' list of a contact's conversations, read with the caller's own token. */
@RegisterRestClient(configKey = "conversations")
@Path("/api/contacts/{contactId}/conversations")
@Produces(MediaType.APPLICATION_JSON)
public interface ConversationsClient {

  /** Most recently active first, those the caller may see. */
  @GET
  Uni<ConversationPage> conversations(
      @PathParam("contactId") String contactId,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") int limit,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

  /** A refusal is final for this request; only conversations' own faults are worth a retry. */
  @ClientExceptionMapper
  static RuntimeException failure(Response response) {
    if (response.getStatus() >= 500) {
      return new ConversationsGateway.Unavailable("conversations answered " + response.getStatus());
    }
    return new ConversationsGateway.Refused(response.getStatus());
  }

  /** A page of conversations' list; fields the timeline does not show are ignored. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record ConversationPage(List<ConversationItem> items, String nextCursor) {}

  /** A conversation as conversations' queue lists it. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record ConversationItem(
      String id,
      String channel,
      String inboxId,
      String status,
      String subject,
      String lastMessagePreview,
      Instant lastMessageAt,
      String assigneeId,
      List<String> labels,
      List<RecentMessage> recentMessages) {}

  /**
   * One of a conversation's latest messages, newest first; absent from an older conversations.
   *
   * @param direction in (the customer's) | out (an agent's)
   * @param isPrivate an agent's note
   * @param text at most 500 characters
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record RecentMessage(
      String id,
      String direction,
      String kind,
      @JsonProperty("private") boolean isPrivate,
      String authorName,
      String text,
      List<Attachment> attachments,
      String status,
      Instant sentAt,
      Instant createdAt) {}

  /** A file of a message, by its type and name. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Attachment(String type, String name) {}
}
