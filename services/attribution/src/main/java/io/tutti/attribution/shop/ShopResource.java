package io.tutti.attribution.shop;

import io.smallrye.mutiny.Uni;
import io.tutti.web.http.RunsToCompletion;
import io.tutti.web.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * {@code /api/attribution/shops}: the Shopify shops whose orders a workspace records as sales
 * (admins). {@code POST} answers 201 with a new shop, 200 when its domain was registered before.
 */
@Path("/api/attribution/shops")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@RunsToCompletion
public class ShopResource {

  private final ShopService shops;
  private final Caller caller;

  public ShopResource(ShopService shops, Caller caller) {
    this.shops = shops;
    this.caller = caller;
  }

  @GET
  public Uni<List<ShopView>> list() {
    return shops.list(caller.workspaceId());
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> register(@Valid @NotNull ShopRequest request) {
    return shops
        .register(caller.workspaceId(), request)
        .map(
            registered ->
                Response.status(registered.created() ? 201 : 200)
                    .entity(registered.shop())
                    .build());
  }

  @DELETE
  @Path("/{id}")
  public Uni<Response> delete(@PathParam("id") String id) {
    return shops.delete(caller.workspaceId(), id).map(ignored -> Response.noContent().build());
  }
}
