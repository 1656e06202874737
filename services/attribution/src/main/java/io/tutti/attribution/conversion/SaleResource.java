package io.tutti.attribution.conversion;

import io.smallrye.mutiny.Uni;
import io.tutti.web.http.RunsToCompletion;
import io.tutti.web.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.hibernate.exception.ConstraintViolationException;

/**
 * {@code POST /api/attribution/sales}: 201 with the sale; the same order again answers 200 with the
 * sale recorded first, also when both arrive at once.
 */
@Path("/api/attribution/sales")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RunsToCompletion
public class SaleResource {

  private final SaleService sales;
  private final Caller caller;

  public SaleResource(SaleService sales, Caller caller) {
    this.sales = sales;
    this.caller = caller;
  }

  @POST
  @RolesAllowed({"sales", "admin"})
  public Uni<Response> record(@Valid @NotNull SaleRequest request) {
    String workspaceId = caller.workspaceId();
    return sales
        .record(workspaceId, request, "sale")
        .map(
            recorded ->
                Response.status(recorded.created() ? 201 : 200).entity(recorded.sale()).build())
        .onFailure(SaleResource::isDuplicate)
        .recoverWithUni(
            () ->
                sales
                    .recorded(workspaceId, request.orderId())
                    .map(sale -> Response.ok(sale).build()));
  }

  /** A concurrent call recorded the same order first. */
  static boolean isDuplicate(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConstraintViolationException violation
          && violation.getConstraintName() != null
          && violation.getConstraintName().contains("dedupe")) {
        return true;
      }
      if (cause.getMessage() != null
          && cause.getMessage().contains("conversion_workspace_id_dedupe_key_key")) {
        return true;
      }
    }
    return false;
  }
}
