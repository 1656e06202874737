package io.tutti.conversations.routing;

import io.smallrye.mutiny.Uni;
import io.tutti.conversations.activity.Activity;
import io.tutti.conversations.activity.ActivityLog;
import io.tutti.conversations.agent.AgentRepository;
import io.tutti.conversations.assignment.AssignmentSignals;
import io.tutti.conversations.assignment.Assignments;
import io.tutti.conversations.canned.Placeholders;
import io.tutti.conversations.conversation.Conversation;
import io.tutti.conversations.conversation.ConversationRepository;
import io.tutti.conversations.conversation.Status;
import io.tutti.conversations.message.Message;
import io.tutti.conversations.message.MessageService;
import io.tutti.conversations.team.BusinessHours;
import io.tutti.conversations.team.TeamRepository;
import io.tutti.events.UuidV7;
import io.tutti.events.storage.DatabaseJsonFormat;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What rules do to a conversation, in the transaction of the run that matched them. Before a rule
 * acts, {@link #obstacle} checks what can be known beforehand (its team and agent still exist, a
 * resolved conversation may open again), so that a rule that cannot act does nothing rather than
 * half of its actions.
 */
@ApplicationScoped
class RuleActions {

  private final Assignments assignments;
  private final TeamRepository teams;
  private final AgentRepository agents;
  private final AssignmentSignals signals;
  private final ConversationRepository conversations;
  private final MessageService messages;
  private final WebhookDeliveryRepository deliveries;
  private final ActivityLog activity;

  RuleActions(
      Assignments assignments,
      TeamRepository teams,
      AgentRepository agents,
      AssignmentSignals signals,
      ConversationRepository conversations,
      MessageService messages,
      WebhookDeliveryRepository deliveries,
      ActivityLog activity) {
    this.assignments = assignments;
    this.teams = teams;
    this.agents = agents;
    this.signals = signals;
    this.conversations = conversations;
    this.messages = messages;
    this.deliveries = deliveries;
    this.activity = activity;
  }

  /** One run of the rules: what triggered it, on which conversation and message. */
  record Run(
      Trigger trigger,
      Conversation conversation,
      Message message,
      List<String> changed,
      Instant now,
      String correlationId) {}

  /** Why the rule cannot do its actions on the conversation now; null when it can. */
  Uni<String> obstacle(RoutingRule rule, Conversation c) {
    Uni<String> found = Uni.createFrom().nullItem();
    for (RuleAction action : rule.actions) {
      found =
          found.chain(
              problem -> problem != null ? Uni.createFrom().item(problem) : obstacle(action, c));
    }
    return found;
  }

  private Uni<String> obstacle(RuleAction action, Conversation c) {
    ActionType type = ActionType.of(action.type()).orElse(null);
    if (type == null) {
      return Uni.createFrom().item("action '" + action.type() + "' is not known");
    }
    return switch (type) {
      case ASSIGN_TEAM, ASSIGN_STRATEGY ->
          teams
              .findInWorkspace(c.workspaceId, UUID.fromString(action.teamId()))
              .map(team -> team == null ? "team " + action.teamId() + " no longer exists" : null);
      case ASSIGN_AGENT ->
          agents
              .findInWorkspace(c.workspaceId, action.agentId())
              .map(
                  found ->
                      found == null
                          ? "agent " + action.agentId() + " is not an agent of the workspace"
                          : null);
      case SET_STATUS ->
          c.is(Status.RESOLVED) && !Status.RESOLVED.id().equals(action.value())
              ? conversations
                  .lockActive(c.workspaceId, c.inboxId, c.externalContactId)
                  .map(
                      other ->
                          other != null && !other.id.equals(c.id)
                              ? "the customer's conversation "
                                  + other.id
                                  + " on this inbox is open; this one cannot open too"
                              : null)
              : Uni.createFrom().nullItem();
      default -> Uni.createFrom().nullItem();
    };
  }

  /**
   * Does one action; answers the fields of the conversation it changed and announces none of them
   * itself (the run announces a rule's changes together), but assignment announces its own.
   */
  Uni<List<String>> apply(RoutingRule rule, RuleAction action, Run run) {
    Conversation c = run.conversation();
    ActionType type = ActionType.of(action.type()).orElseThrow();
    return switch (type) {
      case ASSIGN_TEAM, ASSIGN_STRATEGY ->
          assignments
              .toTeam(
                  c,
                  UUID.fromString(action.teamId()),
                  action.strategy(),
                  action.requiredSkills() == null
                      ? java.util.Set.of()
                      : new LinkedHashSet<>(action.requiredSkills()),
                  rule.actor(),
                  rule.reason())
              .replaceWith(List.of());
      case ASSIGN_AGENT ->
          assignments
              .toAgent(c, action.agentId(), rule.actor(), rule.reason())
              .replaceWith(List.of());
      case SET_PRIORITY -> priority(rule, action.value(), run);
      case ADD_LABEL, REMOVE_LABEL ->
          label(rule, type == ActionType.ADD_LABEL, action.value(), run);
      case SET_STATUS -> status(rule, action, run);
      case AUTO_REPLY, ADD_NOTE ->
          messages
              .writeAutomated(
                  c,
                  rule.actor(),
                  rule.name,
                  Placeholders.render(action.text(), c, null),
                  type == ActionType.ADD_NOTE)
              .replaceWith(List.of());
      case WEBHOOK -> webhook(rule, action, run).replaceWith(List.of());
    };
  }

  /**
   * What the action would do to the conversation, in memory only: a dry run's later rules see it.
   */
  static void simulate(RuleAction action, Conversation c, Instant now) {
    switch (ActionType.of(action.type()).orElseThrow()) {
      case ASSIGN_TEAM, ASSIGN_STRATEGY -> {
        c.teamId = UUID.fromString(action.teamId());
        c.assigneeId = null;
      }
      case ASSIGN_AGENT -> c.assigneeId = action.agentId();
      case SET_PRIORITY -> c.priority = action.value();
      case ADD_LABEL -> {
        if (!c.labels.contains(action.value())) {
          c.labels.add(action.value());
        }
      }
      case REMOVE_LABEL -> c.labels.remove(action.value());
      case SET_STATUS -> {
        // Until business hours: when is for the run itself to tell, with the team's calendar.
        c.status = action.value();
        c.snoozeUntil =
            action.snoozeMinutes() == null
                ? null
                : now.plus(Duration.ofMinutes(action.snoozeMinutes()));
      }
      default -> {
        // Replies, notes and webhooks change nothing rules look at.
      }
    }
  }

  private Uni<List<String>> priority(RoutingRule rule, String priority, Run run) {
    Conversation c = run.conversation();
    if (priority.equals(c.priority)) {
      return Uni.createFrom().item(List.of());
    }
    Map<String, Object> details = ActivityLog.change(c.priority, priority);
    details.put("reason", rule.reason());
    c.priority = priority;
    return activity
        .record(c, Activity.PRIORITY_CHANGED, rule.actor(), details, run.now())
        .replaceWith(List.of("priority"));
  }

  private Uni<List<String>> label(RoutingRule rule, boolean add, String label, Run run) {
    Conversation c = run.conversation();
    if (add == c.labels.contains(label)) {
      return Uni.createFrom().item(List.of());
    }
    List<String> labels = new ArrayList<>(c.labels);
    if (add) {
      labels.add(label);
    } else {
      labels.remove(label);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("added", add ? List.of(label) : List.of());
    details.put("removed", add ? List.of() : List.of(label));
    details.put("reason", rule.reason());
    c.labels = labels;
    return activity
        .record(c, Activity.LABELS_CHANGED, rule.actor(), details, run.now())
        .replaceWith(List.of("labels"));
  }

  private Uni<List<String>> status(RoutingRule rule, RuleAction action, Run run) {
    if (!action.untilBusinessHours()) {
      Instant until =
          action.snoozeMinutes() == null
              ? null
              : run.now().plus(Duration.ofMinutes(action.snoozeMinutes()));
      return status(rule, action.value(), until, run);
    }
    Conversation c = run.conversation();
    if (c.teamId == null) {
      return Uni.createFrom()
          .failure(
              new IllegalStateException(
                  "the conversation has no team, so no business hours to snooze it until"));
    }
    return teams
        .findInWorkspace(c.workspaceId, c.teamId)
        .chain(
            team -> {
              Instant opens = BusinessHours.nextBusinessHoursStart(team, run.now());
              // While the team works, there is nothing to wait for.
              return opens.isAfter(run.now())
                  ? status(rule, action.value(), opens, run)
                  : Uni.createFrom().item(List.<String>of());
            });
  }

  private Uni<List<String>> status(RoutingRule rule, String target, Instant snoozeUntil, Run run) {
    Conversation c = run.conversation();
    Instant now = run.now();
    if (target.equals(c.status) && java.util.Objects.equals(snoozeUntil, c.snoozeUntil)) {
      return Uni.createFrom().item(List.of());
    }
    Map<String, Object> details = ActivityLog.change(c.status, target);
    if (snoozeUntil != null) {
      details.put("snoozeUntil", snoozeUntil);
    }
    details.put("reason", rule.reason());
    if (Status.RESOLVED.id().equals(target)) {
      c.resolvedAt = now;
      c.resolvedBy = rule.actor();
    } else if (c.is(Status.RESOLVED)) {
      c.resolvedAt = null;
      c.resolvedBy = null;
    }
    boolean activeBefore = c.active();
    c.status = target;
    c.snoozeUntil = snoozeUntil;
    return activity
        .record(c, Activity.STATUS_CHANGED, rule.actor(), details, now)
        .chain(() -> signals.statusChanged(c, activeBefore))
        .replaceWith(List.of("status"));
  }

  /** Written now, sent by {@link WebhookDispatcher} once this transaction has committed. */
  private Uni<Void> webhook(RoutingRule rule, RuleAction action, Run run) {
    WebhookDelivery delivery = new WebhookDelivery();
    delivery.id = UuidV7.next();
    delivery.workspaceId = run.conversation().workspaceId;
    delivery.conversationId = run.conversation().id;
    delivery.ruleId = rule.id;
    delivery.ruleName = rule.name;
    delivery.url = action.url();
    delivery.payload = DatabaseJsonFormat.write(payload(delivery.id, rule, run));
    delivery.status = WebhookDelivery.PENDING;
    delivery.nextAttemptAt = run.now();
    delivery.createdAt = run.now();
    return deliveries.persist(delivery).replaceWithVoid();
  }

  /** The body a webhook posts: the rule, the conversation and the message that triggered it. */
  private static Map<String, Object> payload(UUID deliveryId, RoutingRule rule, Run run) {
    Conversation c = run.conversation();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", deliveryId.toString());
    body.put("type", "routing_rule.matched");
    body.put("occurredAt", run.now());
    body.put("workspaceId", c.workspaceId);
    Map<String, Object> ruleBody = new LinkedHashMap<>();
    ruleBody.put("id", rule.id.toString());
    ruleBody.put("name", rule.name);
    ruleBody.put("trigger", run.trigger().id());
    body.put("rule", ruleBody);
    Map<String, Object> conversation = new LinkedHashMap<>();
    conversation.put("id", c.id.toString());
    conversation.put("inboxId", c.inboxId);
    conversation.put("channel", c.channel);
    conversation.put("contactId", c.contactId);
    conversation.put("contactName", c.contactName);
    conversation.put("contactHandle", c.contactHandle);
    conversation.put("subject", c.subject);
    conversation.put("status", c.status);
    conversation.put("priority", c.priority);
    conversation.put("labels", List.copyOf(c.labels));
    conversation.put("teamId", c.teamId == null ? null : c.teamId.toString());
    conversation.put("assigneeId", c.assigneeId);
    conversation.put("openedAt", c.openedAt);
    conversation.put("waitingSince", c.waitingSince);
    body.put("conversation", conversation);
    if (!run.changed().isEmpty()) {
      body.put("changed", run.changed());
    }
    Message m = run.message();
    if (m != null) {
      Map<String, Object> message = new LinkedHashMap<>();
      message.put("id", m.id.toString());
      message.put("kind", m.kind);
      message.put("text", m.text);
      message.put("sentAt", m.sentAt);
      message.put("platformMessageId", m.platformMessageId);
      message.put("referral", m.referral);
      body.put("message", message);
    }
    return body;
  }
}
