package io.tutti.conversations.routing;

import io.smallrye.mutiny.Uni;
import io.tutti.conversations.activity.Activity;
import io.tutti.conversations.activity.ActivityLog;
import io.tutti.conversations.contact.ContactProfileRepository;
import io.tutti.conversations.conversation.Conversation;
import io.tutti.conversations.conversation.ConversationRepository;
import io.tutti.conversations.message.Message;
import io.tutti.conversations.message.MessageRepository;
import io.tutti.conversations.messaging.ConversationEvents;
import io.tutti.conversations.team.TeamRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Runs a workspace's routing rules on a conversation, in the transaction of what triggered them
 * (the customer's message, the agent's change), which holds the conversation's lock: the rules'
 * changes commit with it or not at all, and webhooks go out after it committed.
 *
 * <p>The enabled rules of the trigger run in order; each sees the conversation as the rules before
 * it left it. A rule whose conditions hold does all of its actions, and its run is recorded in the
 * activity ({@code rule_applied}); one with {@code stopAfter} ends the run. A rule that cannot act
 * (its team is gone) is skipped and recorded as {@code rule_failed}: a rule never loses a message.
 * The changes rules make are announced as {@code conversation.updated} by {@code rule:<id>} and
 * never trigger {@code conversation_updated} rules again.
 */
@ApplicationScoped
public class RoutingEngine {

  private static final Logger LOG = Logger.getLogger(RoutingEngine.class);

  /** Compiled rules kept between runs; a rule changed since is compiled again. */
  private static final int MAX_CACHED = 5000;

  private final RoutingRuleRepository rules;
  private final RuleActions actions;
  private final MessageRepository messages;
  private final ConversationRepository conversations;
  private final ContactProfileRepository profiles;
  private final ActivityLog activity;
  private final ConversationEvents events;
  private final MessageLanguage languages;
  private final TeamRepository teams;
  private final RoutingConfig config;
  private final Map<UUID, CompiledRule> compiled = new ConcurrentHashMap<>();

  public RoutingEngine(
      RoutingRuleRepository rules,
      RuleActions actions,
      MessageRepository messages,
      ConversationRepository conversations,
      ContactProfileRepository profiles,
      ActivityLog activity,
      ConversationEvents events,
      MessageLanguage languages,
      TeamRepository teams,
      RoutingConfig config) {
    this.rules = rules;
    this.actions = actions;
    this.messages = messages;
    this.conversations = conversations;
    this.profiles = profiles;
    this.activity = activity;
    this.events = events;
    this.languages = languages;
    this.teams = teams;
    this.config = config;
  }

  /**
   * A customer's message was stored: {@code conversation_opened} rules run when it opened the
   * conversation, then {@code message_received} rules (not for a reaction).
   */
  public Uni<Void> messageLanded(
      Conversation conversation, Message message, boolean opened, String correlationId) {
    Uni<Void> openedRules =
        opened
            ? run(Trigger.CONVERSATION_OPENED, conversation, message, List.of(), correlationId)
            : Uni.createFrom().voidItem();
    return openedRules.chain(
        () ->
            Message.KIND_REACTION.equals(message.kind)
                ? Uni.createFrom().voidItem()
                : run(Trigger.MESSAGE_RECEIVED, conversation, message, List.of(), correlationId));
  }

  /** An agent or the API changed these fields of the conversation. */
  public Uni<Void> conversationUpdated(Conversation conversation, List<String> changed) {
    return run(Trigger.CONVERSATION_UPDATED, conversation, null, changed, null);
  }

  private Uni<Void> run(
      Trigger trigger,
      Conversation conversation,
      Message message,
      List<String> changed,
      String correlationId) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    return rules
        .enabledFor(conversation.workspaceId, trigger)
        .chain(
            found -> {
              if (found.isEmpty()) {
                return Uni.createFrom().voidItem();
              }
              List<Object> ready = found.stream().map(this::compile).toList();
              Set<Facts.Need> needs = EnumSet.noneOf(Facts.Need.class);
              ready.stream()
                  .filter(CompiledRule.class::isInstance)
                  .forEach(rule -> needs.addAll(((CompiledRule) rule).needs));
              RuleActions.Run run =
                  new RuleActions.Run(trigger, conversation, message, changed, now, correlationId);
              return facts(run, needs).chain(facts -> step(ready, 0, facts, run));
            });
  }

  /** A compiled rule, or the rule and why it does not compile any more. */
  private Object compile(RoutingRule rule) {
    CompiledRule known = compiled.get(rule.id);
    if (known != null && known.rule.updatedAt.equals(rule.updatedAt)) {
      return known.forCopy(rule);
    }
    try {
      CompiledRule fresh = CompiledRule.of(rule);
      if (compiled.size() >= MAX_CACHED) {
        compiled.clear();
      }
      compiled.put(rule.id, fresh);
      return fresh;
    } catch (RuntimeException e) {
      return new Broken(rule, e.getMessage());
    }
  }

  private record Broken(RoutingRule rule, String error) {}

  /** The facts the rules of this run ask about, loaded once for all of them. */
  private Uni<Facts> facts(RuleActions.Run run, Set<Facts.Need> needs) {
    Conversation c = run.conversation();
    Facts facts = new Facts(c, run.now(), languages).changed(run.changed());
    Uni<Message> message =
        run.message() == null && needs.contains(Facts.Need.MESSAGE)
            ? messages.latestInbound(c.id)
            : Uni.createFrom().item(run.message());
    return message
        .invoke(
            m -> {
              if (m != null) {
                facts.text(m.text, config.maxTextLength()).referral(m.referral);
              }
            })
        .chain(
            () ->
                needs.contains(Facts.Need.CONTACT) && c.contactId != null
                    ? profiles
                        .of(c.workspaceId, c.contactId)
                        .invoke(
                            p -> {
                              if (p != null) {
                                facts.contact(p.stage, p.attributes);
                              }
                            })
                        .replaceWithVoid()
                    : Uni.createFrom().voidItem())
        .chain(
            () ->
                needs.contains(Facts.Need.HISTORY)
                    ? conversations
                        .hadEarlier(c)
                        .invoke(earlier -> facts.firstConversation(!earlier))
                        .replaceWithVoid()
                    : Uni.createFrom().voidItem())
        .chain(
            () ->
                needs.contains(Facts.Need.TEAMS)
                    ? teams.listByWorkspace(c.workspaceId).invoke(facts::teams).replaceWithVoid()
                    : Uni.createFrom().voidItem())
        .chain(
            () ->
                needs.contains(Facts.Need.REFERRAL) && !facts.hasReferral()
                    ? messages
                        .latestWithReferral(c.id)
                        .invoke(m -> facts.referral(m == null ? null : m.referral))
                        .replaceWithVoid()
                    : Uni.createFrom().voidItem())
        .replaceWith(facts);
  }

  private Uni<Void> step(List<Object> ready, int index, Facts facts, RuleActions.Run run) {
    if (index >= ready.size()) {
      return Uni.createFrom().voidItem();
    }
    Object next = ready.get(index);
    if (next instanceof Broken broken) {
      return failed(broken.rule(), broken.error(), run)
          .chain(() -> step(ready, index + 1, facts, run));
    }
    CompiledRule rule = (CompiledRule) next;
    boolean matches;
    try {
      matches = rule.matches(facts);
    } catch (RuntimeException e) {
      LOG.errorf(e, "rule %s could not be evaluated", rule.rule.id);
      return failed(rule.rule, "its conditions could not be evaluated", run)
          .chain(() -> step(ready, index + 1, facts, run));
    }
    if (!matches) {
      return step(ready, index + 1, facts, run);
    }
    return apply(rule.rule, run)
        .chain(
            applied ->
                applied && rule.rule.stopAfter
                    ? Uni.createFrom().voidItem()
                    : step(ready, index + 1, facts, run));
  }

  /** Does the rule's actions; answers whether it did them. */
  private Uni<Boolean> apply(RoutingRule rule, RuleActions.Run run) {
    Conversation c = run.conversation();
    Set<String> changed = new LinkedHashSet<>();
    return Uni.createFrom()
        .deferred(() -> actions.obstacle(rule, c))
        .chain(
            obstacle -> {
              if (obstacle != null) {
                return failed(rule, obstacle, run).replaceWith(false);
              }
              Uni<Void> done = Uni.createFrom().voidItem();
              for (RuleAction action : rule.actions) {
                done =
                    done.chain(
                        () ->
                            actions
                                .apply(rule, action, run)
                                .invoke(changed::addAll)
                                .replaceWithVoid());
              }
              return done.chain(() -> applied(rule, changed, run)).replaceWith(true);
            })
        .onFailure(RoutingEngine::notTheDatabase)
        .recoverWithUni(
            failure -> {
              LOG.warnf(
                  "rule %s on conversation %s failed: %s", rule.id, c.id, failure.getMessage());
              // What its earlier actions changed stays, and is announced like any change.
              Uni<Void> announced =
                  changed.isEmpty()
                      ? Uni.createFrom().voidItem()
                      : events.updated(
                          c, new ArrayList<>(changed), rule.actor(), run.correlationId());
              return announced
                  .chain(() -> failed(rule, failure.getMessage(), run))
                  .replaceWith(false);
            });
  }

  private Uni<Void> applied(RoutingRule rule, Set<String> changed, RuleActions.Run run) {
    Conversation c = run.conversation();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("ruleId", rule.id.toString());
    details.put("ruleName", rule.name);
    details.put("trigger", run.trigger().id());
    details.put("actions", rule.actions);
    LOG.debugf("rule %s applied to conversation %s", rule.id, c.id);
    // Stamped when the rule is done, so it comes first of its changes, newest first, also those
    // assignment stamped itself.
    Instant done = Instant.now().truncatedTo(ChronoUnit.MICROS);
    Uni<Void> recorded = activity.record(c, Activity.RULE_APPLIED, rule.actor(), details, done);
    if (changed.isEmpty()) {
      return recorded;
    }
    c.updatedAt = run.now();
    return recorded.chain(
        () -> events.updated(c, new ArrayList<>(changed), rule.actor(), run.correlationId()));
  }

  private Uni<Void> failed(RoutingRule rule, String error, RuleActions.Run run) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("ruleId", rule.id.toString());
    details.put("ruleName", rule.name);
    details.put("trigger", run.trigger().id());
    details.put("error", error == null ? "unknown" : error);
    return activity.record(
        run.conversation(), Activity.RULE_FAILED, rule.actor(), details, run.now());
  }

  /**
   * A failure the transaction survives (an action refused what it was asked); one of the database
   * leaves the transaction unusable, so it fails the run, and its trigger is retried.
   */
  private static boolean notTheDatabase(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String name = t.getClass().getName();
      if (name.startsWith("org.hibernate.")
          || name.startsWith("io.vertx.pgclient.")
          || name.startsWith("io.vertx.sqlclient.")
          || name.startsWith("jakarta.persistence.")) {
        return false;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return true;
  }
}
