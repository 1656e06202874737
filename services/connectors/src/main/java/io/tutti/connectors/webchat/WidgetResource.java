package io.tutti.connectors.webchat;

import io.tutti.web.http.RunsToCompletion;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The chat widget websites embed: {@code <script src="{public-url}/widget.js" data-site-key="..."
 * async>}. One file for every site (the key is on the script tag), so it is read once and served
 * with an ETag of its content: browsers revalidate cheaply and see a new version within {@link
 * WebChatConfig#widgetMaxAge()}.
 */
@Path("/widget.js")
@RunsToCompletion
public class WidgetResource {

  static final String MEDIA_TYPE = "application/javascript";
  private static final String SOURCE = "webchat/widget.js";

  private final byte[] script;
  private final EntityTag etag;
  private final String cacheControl;

  public WidgetResource(WebChatConfig config) {
    this.script = read();
    this.etag = new EntityTag(sha256(script).substring(0, 32));
    // public: shared caches (a CDN in front of the gateway) may keep it too; it holds nothing
    // about the visitor.
    this.cacheControl = "public, max-age=" + config.widgetMaxAge().toSeconds();
  }

  @GET
  @Produces(MEDIA_TYPE + ";charset=utf-8")
  public Response widget(Request request) {
    Response.ResponseBuilder notModified = request.evaluatePreconditions(etag);
    Response.ResponseBuilder answer = notModified != null ? notModified : Response.ok(script);
    return answer
        .tag(etag)
        .header("Cache-Control", cacheControl)
        // Sites that isolate themselves (Cross-Origin-Embedder-Policy) load only scripts that say
        // they may be embedded anywhere.
        .header("Cross-Origin-Resource-Policy", "cross-origin")
        .header("X-Content-Type-Options", "nosniff")
        .build();
  }

  private static byte[] read() {
    try (InputStream in =
        Thread.currentThread().getContextClassLoader().getResourceAsStream(SOURCE)) {
      if (in == null) {
        throw new IllegalStateException(SOURCE + " is missing from the application");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
