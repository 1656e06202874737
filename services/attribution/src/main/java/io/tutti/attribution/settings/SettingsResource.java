package io.tutti.attribution.settings;

import io.smallrye.mutiny.Uni;
import io.tutti.web.http.RunsToCompletion;
import io.tutti.web.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code /api/attribution/settings}: read by sales reps and admins, changed by admins. */
@Path("/api/attribution/settings")
@Produces(MediaType.APPLICATION_JSON)
@RunsToCompletion
public class SettingsResource {

  private final SettingsService settings;
  private final Caller caller;

  public SettingsResource(SettingsService settings, Caller caller) {
    this.settings = settings;
    this.caller = caller;
  }

  @GET
  @RolesAllowed({"sales", "admin"})
  public Uni<SettingsView> get() {
    return settings.view(caller.workspaceId());
  }

  @PUT
  @RolesAllowed("admin")
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<SettingsView> update(@Valid @NotNull SettingsRequest request) {
    return settings.update(caller.workspaceId(), request);
  }
}
