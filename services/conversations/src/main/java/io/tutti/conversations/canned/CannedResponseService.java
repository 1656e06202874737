package io.tutti.conversations.canned;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tutti.conversations.conversation.ConversationAccess;
import io.tutti.conversations.conversation.Viewer;
import io.tutti.events.UuidV7;
import io.tutti.web.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The workspace's canned responses. Every agent reads and adds them; a response is changed or
 * deleted by the agent who wrote it or by an admin.
 */
@ApplicationScoped
public class CannedResponseService {

  private static final Pattern SHORTCUT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,49}");

  private final CannedResponseRepository responses;
  private final ConversationAccess access;

  public CannedResponseService(CannedResponseRepository responses, ConversationAccess access) {
    this.responses = responses;
    this.access = access;
  }

  @WithSession
  public Uni<List<CannedResponseView>> list(Viewer viewer, String prefix) {
    String normalised = prefix == null || prefix.isBlank() ? null : normalise(prefix);
    return responses
        .search(viewer.workspaceId(), normalised)
        .map(found -> found.stream().map(CannedResponseView::of).toList());
  }

  @WithSession
  public Uni<CannedResponseView> get(Viewer viewer, UUID id) {
    return find(viewer, id).map(CannedResponseView::of);
  }

  @WithTransaction
  public Uni<CannedResponseView> create(Viewer viewer, CannedResponseRequest request) {
    String shortcut = shortcut(request.shortcut());
    requireKnownPlaceholders(request.text());
    Instant now = now();
    CannedResponse response = new CannedResponse();
    response.id = UuidV7.next();
    response.workspaceId = viewer.workspaceId();
    response.createdBy = viewer.agentId();
    response.createdAt = now;
    return requireFreeShortcut(viewer, shortcut, null)
        .chain(
            () -> {
              apply(response, shortcut, request, now);
              return responses.persist(response);
            })
        .map(CannedResponseView::of);
  }

  @WithTransaction
  public Uni<CannedResponseView> update(Viewer viewer, UUID id, CannedResponseRequest request) {
    String shortcut = shortcut(request.shortcut());
    requireKnownPlaceholders(request.text());
    Instant now = now();
    return find(viewer, id)
        .invoke(response -> requireOwnerOrAdmin(viewer, response))
        .call(response -> requireFreeShortcut(viewer, shortcut, response.id))
        .invoke(response -> apply(response, shortcut, request, now))
        .map(CannedResponseView::of);
  }

  @WithTransaction
  public Uni<Void> delete(Viewer viewer, UUID id) {
    return find(viewer, id)
        .invoke(response -> requireOwnerOrAdmin(viewer, response))
        .call(responses::delete)
        .replaceWithVoid();
  }

  /** The response's text for one conversation the agent may see. */
  @WithSession
  public Uni<RenderedResponse> render(Viewer viewer, UUID id, UUID conversationId) {
    return find(viewer, id)
        .chain(
            response ->
                access
                    .visible(viewer, conversationId)
                    .map(
                        conversation ->
                            new RenderedResponse(
                                Placeholders.render(response.text, conversation, viewer.name()))));
  }

  private Uni<CannedResponse> find(Viewer viewer, UUID id) {
    return responses
        .findInWorkspace(viewer.workspaceId(), id)
        .onItem()
        .ifNull()
        .failWith(
            () -> Problem.notFound("No canned response " + id + " in your workspace.").exception());
  }

  private static void apply(
      CannedResponse response, String shortcut, CannedResponseRequest request, Instant now) {
    response.shortcut = shortcut;
    response.title =
        request.title() == null || request.title().isBlank() ? null : request.title().strip();
    response.text = request.text();
    response.updatedAt = now;
  }

  private Uni<Void> requireFreeShortcut(Viewer viewer, String shortcut, UUID self) {
    return responses
        .findByShortcut(viewer.workspaceId(), shortcut)
        .invoke(
            other -> {
              if (other != null && !other.id.equals(self)) {
                throw new Problem(
                        Problem.type("shortcut-taken"),
                        "Shortcut taken",
                        409,
                        "The workspace already has a canned response /" + shortcut + ".")
                    .exception();
              }
            })
        .replaceWithVoid();
  }

  private static void requireOwnerOrAdmin(Viewer viewer, CannedResponse response) {
    if (!viewer.admin() && !viewer.agentId().equals(response.createdBy)) {
      throw new Problem(
              Problem.type("forbidden"),
              "Forbidden",
              403,
              "Only the agent who wrote a canned response, or an admin, may change it.")
          .exception();
    }
  }

  private static void requireKnownPlaceholders(String text) {
    List<String> unknown = Placeholders.unknown(text);
    if (!unknown.isEmpty()) {
      throw Problem.validation(
              List.of(
                  new Problem.FieldError(
                      "text",
                      "uses unknown placeholders "
                          + unknown
                          + "; known are "
                          + Placeholders.KNOWN)))
          .exception();
    }
  }

  private static String shortcut(String raw) {
    String shortcut = normalise(raw);
    if (!SHORTCUT.matcher(shortcut).matches()) {
      throw Problem.validation(
              List.of(
                  new Problem.FieldError(
                      "shortcut",
                      "must be 1 to 50 lower-case letters, digits, '-' or '_' (a leading / is"
                          + " dropped)")))
          .exception();
    }
    return shortcut;
  }

  private static String normalise(String shortcut) {
    String value = shortcut.strip().toLowerCase(Locale.ROOT);
    return value.startsWith("/") ? value.substring(1) : value;
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
