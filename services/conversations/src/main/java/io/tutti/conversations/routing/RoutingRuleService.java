package io.tutti.conversations.routing;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tutti.conversations.conversation.Conversation;
import io.tutti.conversations.conversation.ConversationService;
import io.tutti.conversations.conversation.Priority;
import io.tutti.conversations.conversation.Status;
import io.tutti.conversations.conversation.Viewer;
import io.tutti.conversations.team.TeamRepository;
import io.tutti.events.UuidV7;
import io.tutti.web.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A workspace's routing rules: the admin's list, kept in order (positions 1..n without gaps, one
 * order across every trigger), and dry runs that show what the rules would do with a sample message
 * without doing it.
 */
@ApplicationScoped
public class RoutingRuleService {

  private final RoutingRuleRepository rules;
  private final RuleValidator validator;
  private final MessageLanguage languages;
  private final TeamRepository teams;
  private final RoutingConfig config;

  public RoutingRuleService(
      RoutingRuleRepository rules,
      RuleValidator validator,
      MessageLanguage languages,
      TeamRepository teams,
      RoutingConfig config) {
    this.rules = rules;
    this.validator = validator;
    this.languages = languages;
    this.teams = teams;
    this.config = config;
  }

  @WithSession
  public Uni<List<RoutingRuleView>> list(String workspaceId) {
    return rules
        .listByWorkspace(workspaceId)
        .map(found -> found.stream().map(RoutingRuleView::of).toList());
  }

  @WithSession
  public Uni<RoutingRuleView> get(String workspaceId, UUID id) {
    return find(workspaceId, id).map(RoutingRuleView::of);
  }

  @WithTransaction
  public Uni<RoutingRuleView> create(Viewer viewer, RoutingRuleRequest request) {
    String workspaceId = viewer.workspaceId();
    Instant now = now();
    return validator
        .check(workspaceId, request)
        .call(() -> rules.lockOrder(workspaceId))
        .chain(
            checked ->
                rules
                    .listByWorkspace(workspaceId)
                    .chain(
                        existing -> {
                          if (existing.size() >= config.maxRules()) {
                            throw new Problem(
                                    Problem.type("routing-rule-limit"),
                                    "Too many rules",
                                    409,
                                    "A workspace has at most "
                                        + config.maxRules()
                                        + " routing rules; delete or merge some first.")
                                .exception();
                          }
                          RoutingRule rule = new RoutingRule();
                          rule.id = UuidV7.next();
                          rule.workspaceId = workspaceId;
                          rule.createdBy = viewer.agentId();
                          rule.createdAt = now;
                          apply(rule, request, checked, now);
                          List<RoutingRule> ordered = new ArrayList<>(existing);
                          int place =
                              request.order() == null
                                  ? ordered.size()
                                  : Math.min(request.order(), ordered.size() + 1) - 1;
                          ordered.add(place, rule);
                          renumber(ordered);
                          return rules.persist(rule).call(rules::flush);
                        }))
        .map(RoutingRuleView::of);
  }

  @WithTransaction
  public Uni<RoutingRuleView> update(String workspaceId, UUID id, RoutingRuleRequest request) {
    Instant now = now();
    return find(workspaceId, id)
        .chain(() -> validator.check(workspaceId, request))
        .call(() -> rules.lockOrder(workspaceId))
        .chain(
            checked ->
                rules
                    .listByWorkspace(workspaceId)
                    .map(
                        existing -> {
                          List<RoutingRule> ordered = new ArrayList<>(existing);
                          RoutingRule rule =
                              ordered.stream()
                                  .filter(r -> r.id.equals(id))
                                  .findFirst()
                                  .orElseThrow(() -> notFound(id).exception());
                          apply(rule, request, checked, now);
                          if (request.order() != null) {
                            ordered.remove(rule);
                            ordered.add(Math.min(request.order(), ordered.size() + 1) - 1, rule);
                          }
                          renumber(ordered);
                          return rule;
                        }))
        .call(rules::flush)
        .map(RoutingRuleView::of);
  }

  @WithTransaction
  public Uni<Void> delete(String workspaceId, UUID id) {
    return find(workspaceId, id)
        .call(() -> rules.lockOrder(workspaceId))
        .call(rules::delete)
        .chain(() -> rules.listByWorkspace(workspaceId))
        .invoke(RoutingRuleService::renumber)
        .replaceWithVoid();
  }

  /** Which enabled rules of the trigger would apply to the sample, in order; changes nothing. */
  @WithSession
  public Uni<DryRunResult> dryRun(String workspaceId, DryRunRequest request) {
    Trigger trigger = sampleTrigger(request.trigger());
    Instant now = now();
    Conversation sample = sample(request, now);
    Facts facts =
        new Facts(sample, now, languages)
            .text(request.text(), config.maxTextLength())
            .referral(request.referral())
            .changed(changed(request.changed()));
    if (request.contact() != null) {
      facts.contact(request.contact().stage(), request.contact().attributes());
    }
    facts.firstConversation(
        request.contact() == null
            || request.contact().firstMessage() == null
            || request.contact().firstMessage());
    return teams
        .listByWorkspace(workspaceId)
        .invoke(facts::teams)
        .chain(() -> rules.enabledFor(workspaceId, trigger))
        .map(
            found -> {
              List<DryRunResult.Match> matched = new ArrayList<>();
              for (RoutingRule rule : found) {
                if (!matches(rule, facts)) {
                  continue;
                }
                matched.add(
                    new DryRunResult.Match(
                        rule.id,
                        rule.name,
                        rule.position,
                        List.copyOf(rule.actions),
                        rule.stopAfter));
                rule.actions.forEach(action -> RuleActions.simulate(action, sample, now));
                if (rule.stopAfter) {
                  return new DryRunResult(
                      trigger.id(),
                      facts.language(),
                      matched,
                      new DryRunResult.RuleRef(rule.id, rule.name));
                }
              }
              return new DryRunResult(trigger.id(), facts.language(), matched, null);
            });
  }

  /** Whether the rule would apply; one that no longer compiles would fail, so it does not. */
  private static boolean matches(RoutingRule rule, Facts facts) {
    try {
      return CompiledRule.of(rule).matches(facts);
    } catch (IllegalStateException e) {
      return false;
    }
  }

  /** The conversation the sample would be in; never stored. */
  private static Conversation sample(DryRunRequest request, Instant now) {
    Conversation c = new Conversation();
    c.id = UUID.randomUUID();
    c.channel = choice("channel", request.channel(), ConditionFields.CHANNELS);
    c.inboxId = request.inboxId();
    c.status =
        request.status() == null
            ? Status.OPEN.id()
            : choice("status", request.status(), Status.ids());
    c.priority =
        request.priority() == null
            ? Priority.NONE.id()
            : choice("priority", request.priority(), Priority.ids());
    List<String> labels = new ArrayList<>();
    List<String> requested = request.labels() == null ? List.of() : request.labels();
    for (int i = 0; i < requested.size(); i++) {
      String label = ConversationService.label(requested.get(i)).orElse(null);
      if (label == null) {
        throw invalid("labels[" + i + "]", "is not a label");
      }
      if (!labels.contains(label)) {
        labels.add(label);
      }
    }
    c.labels = labels;
    c.openedAt = now;
    c.lastMessageAt = now;
    c.waitingSince =
        request.waitingMinutes() == null ? null : now.minusSeconds(60 * request.waitingMinutes());
    return c;
  }

  private static List<String> changed(List<String> changed) {
    List<String> allowed = List.of("status", "priority", "labels", "assignee", "team");
    if (changed == null) {
      return List.of();
    }
    for (int i = 0; i < changed.size(); i++) {
      if (!allowed.contains(changed.get(i))) {
        throw invalid("changed[" + i + "]", "must be one of " + allowed);
      }
    }
    return List.copyOf(changed);
  }

  private static Trigger sampleTrigger(String trigger) {
    if (trigger == null || trigger.isBlank()) {
      return Trigger.CONVERSATION_OPENED;
    }
    return Trigger.of(trigger.strip())
        .orElseThrow(() -> invalid("trigger", "must be one of " + Trigger.ids()));
  }

  private static String choice(String field, String value, List<String> allowed) {
    String normalised = value.strip().toLowerCase(Locale.ROOT);
    if (!allowed.contains(normalised)) {
      throw invalid(field, "must be one of " + allowed);
    }
    return normalised;
  }

  private static void apply(
      RoutingRule rule, RoutingRuleRequest request, RuleValidator.Checked checked, Instant now) {
    rule.name = request.name().strip();
    rule.enabled = request.enabled() == null || request.enabled();
    rule.trigger = checked.trigger().id();
    rule.match = checked.match();
    rule.conditions = new ArrayList<>(checked.conditions());
    rule.actions = new ArrayList<>(checked.actions());
    rule.stopAfter = Boolean.TRUE.equals(request.stopAfter());
    rule.updatedAt = now;
  }

  private static void renumber(List<RoutingRule> ordered) {
    for (int i = 0; i < ordered.size(); i++) {
      if (ordered.get(i).position != i + 1) {
        ordered.get(i).position = i + 1;
      }
    }
  }

  private Uni<RoutingRule> find(String workspaceId, UUID id) {
    return rules
        .findInWorkspace(workspaceId, id)
        .onItem()
        .ifNull()
        .failWith(() -> notFound(id).exception());
  }

  private static Problem notFound(UUID id) {
    return Problem.notFound("No routing rule " + id + " in your workspace.");
  }

  private static io.tutti.web.problem.ProblemException invalid(String field, String message) {
    return Problem.validation(List.of(new Problem.FieldError(field, message))).exception();
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
