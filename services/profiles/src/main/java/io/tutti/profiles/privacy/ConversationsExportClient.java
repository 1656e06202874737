package io.tutti.profiles.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * Conversations' export of a contact's conversations with their messages, read with the caller's
 * own token. Kept as conversations wrote it: the export hands over every field it holds, also those
 * profiles does not know.
 */
@RegisterRestClient(configKey = "conversations")
@Path("/api/contacts/{contactId}/conversations/export")
@Produces(MediaType.APPLICATION_JSON)
public interface ConversationsExportClient {

  @GET
  Uni<JsonNode> export(
      @PathParam("contactId") String contactId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

  @ClientExceptionMapper
  static RuntimeException failure(Response response) {
    return ExportSources.failure(ExportSources.CONVERSATIONS, response.getStatus());
  }
}
