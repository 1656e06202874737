package io.tutti.attribution.track;

import io.smallrye.mutiny.Uni;
import io.tutti.attribution.site.SiteDirectory;
import io.tutti.web.http.RunsToCompletion;
import io.tutti.web.problem.Problem;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.regex.Pattern;

/**
 * {@code POST /track?key={siteKey}}: page views and identify calls from {@code /tutti.js} on a
 * customer's own website. Public (the site key names the workspace), callable from any origin, and
 * fast: a valid call is stored as it came and answered 202; sessions are made from it right after.
 */
@Path("/track")
@PermitAll
@RunsToCompletion
public class TrackResource {

  private static final Pattern SITE_KEY = Pattern.compile("[A-Za-z0-9_-]{8,100}");
  static final int MAX_BODY = 16 * 1024;

  private final SiteDirectory sites;
  private final TrackValidator validator;
  private final TrackInbox inbox;

  public TrackResource(SiteDirectory sites, TrackValidator validator, TrackInbox inbox) {
    this.sites = sites;
    this.validator = validator;
    this.inbox = inbox;
  }

  @POST
  @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
  public Uni<Response> track(@QueryParam("key") String siteKey, String body) {
    if (siteKey == null || siteKey.isBlank()) {
      throw Problem.badRequest("The query parameter key (the site key) is required.").exception();
    }
    if (!SITE_KEY.matcher(siteKey).matches()) {
      throw unknownSite();
    }
    if (body != null && body.length() > MAX_BODY) {
      throw new Problem(
              Problem.type("body-too-large"),
              "Body too large",
              413,
              "A tracking call is at most 16 KB.")
          .exception();
    }
    TrackEvent event = validator.read(body);
    return sites
        .workspaceOf(siteKey)
        .chain(
            workspace ->
                inbox
                    .accept(workspace.orElseThrow(TrackResource::unknownSite), event)
                    .map(ignored -> cors(Response.accepted()).build()));
  }

  /** The preflight of a browser that sends JSON as application/json from another origin. */
  @OPTIONS
  public Response preflight() {
    return cors(Response.noContent())
        .header("Access-Control-Allow-Methods", "POST, OPTIONS")
        .header("Access-Control-Allow-Headers", "Content-Type")
        .header("Access-Control-Max-Age", "86400")
        .build();
  }

  private static Response.ResponseBuilder cors(Response.ResponseBuilder response) {
    return response.header("Access-Control-Allow-Origin", "*");
  }

  private static RuntimeException unknownSite() {
    return new Problem(
            Problem.type("unknown-site"),
            "Unknown site",
            404,
            "No website is registered with this site key.")
        .exception();
  }
}
