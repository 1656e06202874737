package io.tutti.attribution.site;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tutti.attribution.config.AttributionConfig;
import io.tutti.web.http.RunsToCompletion;
import io.tutti.web.problem.Problem;
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
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;

/** {@code /api/attribution/sites}: the websites whose page views a workspace tracks (admins). */
@Path("/api/attribution/sites")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@RunsToCompletion
public class SiteResource {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Caller caller;
  private final SiteDirectory directory;
  private final String publicUrl;

  public SiteResource(Caller caller, SiteDirectory directory, AttributionConfig config) {
    String publicUrl = config.publicUrl();
    this.caller = caller;
    this.directory = directory;
    this.publicUrl =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  @GET
  @WithSession
  public Uni<List<SiteView>> list() {
    return Site.<Site>list("workspaceId = ?1 order by createdAt", caller.workspaceId())
        .map(sites -> sites.stream().map(this::view).toList());
  }

  @POST
  @WithTransaction
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> create(@Valid @NotNull SiteRequest request) {
    String workspaceId = caller.workspaceId();
    String key = request.siteKey() != null ? request.siteKey() : "trk_" + token();
    return Site.<Site>findById(key)
        .chain(
            held -> {
              if (held != null && held.workspaceId.equals(workspaceId)) {
                return Uni.createFrom().item(Response.ok(view(held)).build());
              }
              if (held != null) {
                throw new Problem(
                        Problem.type("site-key-taken"),
                        "Site key taken",
                        409,
                        "Another workspace uses this site key; leave siteKey out to get a new one.")
                    .exception();
              }
              Site site = new Site();
              site.siteKey = key;
              site.workspaceId = workspaceId;
              site.name = request.name().strip();
              site.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
              return site.<Site>persist()
                  .invoke(() -> directory.forget(key))
                  .map(saved -> Response.status(201).entity(view(saved)).build());
            });
  }

  @DELETE
  @Path("/{siteKey}")
  @WithTransaction
  public Uni<Response> delete(@PathParam("siteKey") String siteKey) {
    return Site.delete("siteKey = ?1 and workspaceId = ?2", siteKey, caller.workspaceId())
        .map(
            deleted -> {
              if (deleted == 0) {
                throw Problem.notFound("No site " + siteKey + " in this workspace.").exception();
              }
              directory.forget(siteKey);
              return Response.noContent().build();
            });
  }

  private SiteView view(Site site) {
    return new SiteView(
        site.siteKey,
        site.name,
        site.createdAt,
        "<script async src=\""
            + publicUrl
            + "/tutti.js\" data-key=\""
            + site.siteKey
            + "\"></script>");
  }

  private static String token() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
