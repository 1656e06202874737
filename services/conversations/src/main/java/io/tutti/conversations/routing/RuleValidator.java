package io.tutti.conversations.routing;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tutti.conversations.agent.AgentRepository;
import io.tutti.conversations.assignment.Strategy;
import io.tutti.conversations.canned.Placeholders;
import io.tutti.conversations.conversation.ConversationService;
import io.tutti.conversations.conversation.Priority;
import io.tutti.conversations.conversation.Status;
import io.tutti.conversations.team.TeamRepository;
import io.tutti.web.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Checks a rule before it is saved, so that what runs on every message is known to make sense:
 * every field, operator and value, every action and what it names. Answers the rule's parts as they
 * are stored, or a 400 naming each problem.
 */
@ApplicationScoped
class RuleValidator {

  static final int MAX_TEXT = 5000;
  static final int MAX_URL = 2048;
  static final int MAX_SKILLS = 20;
  static final int MAX_SNOOZE_MINUTES = 60 * 24 * 365;

  private static final Pattern SKILL = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} _.+#-]{0,49}");

  private final TeamRepository teams;
  private final AgentRepository agents;

  RuleValidator(TeamRepository teams, AgentRepository agents) {
    this.teams = teams;
    this.agents = agents;
  }

  /** A rule's parts, checked and as stored. */
  record Checked(
      Trigger trigger, String match, List<RuleCondition> conditions, List<RuleAction> actions) {}

  Uni<Checked> check(String workspaceId, RoutingRuleRequest request) {
    List<Problem.FieldError> errors = new ArrayList<>();
    Trigger trigger = Trigger.of(request.trigger().strip()).orElse(null);
    if (trigger == null) {
      errors.add(
          new Problem.FieldError(
              "trigger",
              "'" + request.trigger() + "' is not a trigger; known are " + Trigger.ids()));
    }
    String match = request.match() == null ? "all" : request.match().strip();
    if (!match.equals("all") && !match.equals("any")) {
      errors.add(new Problem.FieldError("match", "must be all or any"));
    }
    List<RuleCondition> conditions = new ArrayList<>();
    List<RuleCondition> requested = request.conditions() == null ? List.of() : request.conditions();
    for (int i = 0; i < requested.size() && trigger != null; i++) {
      RuleCondition condition = requested.get(i);
      if (CompiledRule.condition(condition, trigger, "conditions[" + i + "]", errors) != null) {
        conditions.add(CompiledRule.stored(condition));
      }
    }
    List<RuleAction> actions = new ArrayList<>();
    for (int i = 0; i < request.actions().size(); i++) {
      RuleAction action = action(request.actions().get(i), "actions[" + i + "]", errors);
      if (action != null) {
        actions.add(action);
      }
    }
    if (!errors.isEmpty()) {
      return Uni.createFrom().failure(Problem.validation(errors).exception());
    }
    return references(workspaceId, actions)
        .map(
            problems -> {
              if (!problems.isEmpty()) {
                throw Problem.validation(problems).exception();
              }
              return new Checked(trigger, match, List.copyOf(conditions), List.copyOf(actions));
            });
  }

  /** The action as stored, with only the fields its type uses; null when it is not valid. */
  static RuleAction action(RuleAction action, String path, List<Problem.FieldError> errors) {
    ActionType type =
        action.type() == null ? null : ActionType.of(action.type().strip()).orElse(null);
    if (type == null) {
      errors.add(
          new Problem.FieldError(
              path + ".type",
              action.type() == null
                  ? "is required"
                  : "'" + action.type() + "' is not an action; known are " + ActionType.ids()));
      return null;
    }
    int before = errors.size();
    RuleAction stored =
        switch (type) {
          case ASSIGN_TEAM ->
              new RuleAction(
                  type.id(),
                  teamId(action.teamId(), path, errors),
                  null,
                  skills(action.requiredSkills(), path, errors),
                  null,
                  null,
                  null,
                  null,
                  null);
          case ASSIGN_STRATEGY ->
              new RuleAction(
                  type.id(),
                  teamId(action.teamId(), path, errors),
                  strategy(action.strategy(), path, errors),
                  skills(action.requiredSkills(), path, errors),
                  null,
                  null,
                  null,
                  null,
                  null);
          case ASSIGN_AGENT ->
              new RuleAction(
                  type.id(),
                  null,
                  null,
                  null,
                  agentId(action.agentId(), path, errors),
                  null,
                  null,
                  null,
                  null);
          case SET_PRIORITY -> valued(type, oneOf(action.value(), Priority.ids(), path, errors));
          case ADD_LABEL, REMOVE_LABEL -> valued(type, label(action.value(), path, errors));
          case SET_STATUS -> status(action, path, errors);
          case AUTO_REPLY, ADD_NOTE ->
              new RuleAction(
                  type.id(),
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  text(action.text(), path, errors),
                  null);
          case WEBHOOK ->
              new RuleAction(
                  type.id(),
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  url(action.url(), path, errors));
        };
    return errors.size() > before ? null : stored;
  }

  private static RuleAction valued(ActionType type, String value) {
    return new RuleAction(type.id(), null, null, null, null, value, null, null, null);
  }

  private static String teamId(String teamId, String path, List<Problem.FieldError> errors) {
    if (teamId == null || teamId.isBlank()) {
      errors.add(new Problem.FieldError(path + ".teamId", "is required"));
      return null;
    }
    try {
      return UUID.fromString(teamId.strip()).toString();
    } catch (IllegalArgumentException e) {
      errors.add(new Problem.FieldError(path + ".teamId", "must be a UUID"));
      return null;
    }
  }

  private static String strategy(String strategy, String path, List<Problem.FieldError> errors) {
    String value = strategy == null ? null : strategy.strip().toLowerCase(Locale.ROOT);
    if (value == null || Strategy.of(value).filter(Strategy::automatic).isEmpty()) {
      errors.add(
          new Problem.FieldError(
              path + ".strategy",
              "is required: one of " + String.join(", ", Strategy.automaticIds())));
      return null;
    }
    return value;
  }

  private static List<String> skills(
      List<String> skills, String path, List<Problem.FieldError> errors) {
    if (skills == null || skills.isEmpty()) {
      return null;
    }
    if (skills.size() > MAX_SKILLS) {
      errors.add(
          new Problem.FieldError(path + ".requiredSkills", "must hold at most " + MAX_SKILLS));
      return null;
    }
    LinkedHashSet<String> normalised = new LinkedHashSet<>();
    for (int i = 0; i < skills.size(); i++) {
      String skill = skills.get(i) == null ? "" : skills.get(i).strip().toLowerCase(Locale.ROOT);
      if (!SKILL.matcher(skill).matches()) {
        errors.add(
            new Problem.FieldError(
                path + ".requiredSkills[" + i + "]",
                "must be 1 to 50 letters, digits, spaces or _ . + # -"));
      } else {
        normalised.add(skill);
      }
    }
    return List.copyOf(normalised);
  }

  private static String agentId(String agentId, String path, List<Problem.FieldError> errors) {
    if (agentId == null || agentId.isBlank() || agentId.strip().length() > 100) {
      errors.add(new Problem.FieldError(path + ".agentId", "is required: an agent's user id"));
      return null;
    }
    return agentId.strip();
  }

  private static String oneOf(
      String value, List<String> allowed, String path, List<Problem.FieldError> errors) {
    String normalised = value == null ? null : value.strip().toLowerCase(Locale.ROOT);
    if (normalised == null || !allowed.contains(normalised)) {
      errors.add(new Problem.FieldError(path + ".value", "must be one of " + allowed));
      return null;
    }
    return normalised;
  }

  private static String label(String value, String path, List<Problem.FieldError> errors) {
    String label = value == null ? null : ConversationService.label(value).orElse(null);
    if (label == null) {
      errors.add(
          new Problem.FieldError(
              path + ".value",
              "must be a label: 1 to 50 letters, digits, spaces, '-', '_' or '.', starting with"
                  + " a letter or digit"));
    }
    return label;
  }

  private static RuleAction status(
      RuleAction action, String path, List<Problem.FieldError> errors) {
    String status = oneOf(action.value(), Status.ids(), path, errors);
    Integer minutes = action.snoozeMinutes();
    String until = action.until() == null ? null : action.until().strip();
    boolean snoozed = Status.SNOOZED.id().equals(status);
    if (until != null && !(snoozed && RuleAction.UNTIL_BUSINESS_HOURS.equals(until))) {
      errors.add(
          new Problem.FieldError(
              path + ".until",
              snoozed ? "must be business_hours" : "is only allowed with snoozed"));
    } else if (snoozed && until != null && minutes != null) {
      errors.add(
          new Problem.FieldError(
              path + ".snoozeMinutes", "is not allowed with until: one or the other"));
    } else if (snoozed && until == null) {
      if (minutes == null || minutes < 1 || minutes > MAX_SNOOZE_MINUTES) {
        errors.add(
            new Problem.FieldError(
                path + ".snoozeMinutes",
                "is required with snoozed (or until: business_hours): 1 to "
                    + MAX_SNOOZE_MINUTES
                    + " minutes"));
      }
    } else if (!snoozed && minutes != null) {
      errors.add(new Problem.FieldError(path + ".snoozeMinutes", "is only allowed with snoozed"));
    }
    return new RuleAction(
        ActionType.SET_STATUS.id(),
        null,
        null,
        null,
        null,
        status,
        snoozed ? minutes : null,
        snoozed ? until : null,
        null,
        null);
  }

  private static String text(String text, String path, List<Problem.FieldError> errors) {
    if (text == null || text.isBlank()) {
      errors.add(new Problem.FieldError(path + ".text", "is required"));
      return null;
    }
    if (text.length() > MAX_TEXT) {
      errors.add(
          new Problem.FieldError(path + ".text", "must be at most " + MAX_TEXT + " characters"));
      return null;
    }
    List<String> unknown = Placeholders.unknown(text);
    if (!unknown.isEmpty()) {
      errors.add(
          new Problem.FieldError(
              path + ".text",
              "uses unknown placeholders " + unknown + "; known are " + Placeholders.KNOWN));
      return null;
    }
    return text;
  }

  /** An absolute http(s) URL with a host; nothing else is posted to. */
  private static String url(String url, String path, List<Problem.FieldError> errors) {
    String value = url == null ? null : url.strip();
    String problem = null;
    if (value == null || value.isEmpty()) {
      problem = "is required";
    } else if (value.length() > MAX_URL) {
      problem = "must be at most " + MAX_URL + " characters";
    } else {
      try {
        URI uri = new URI(value);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
          problem = "must be an absolute http or https URL";
        } else if (uri.getHost() == null || uri.getHost().isBlank()) {
          problem = "must name a host";
        } else if (uri.getUserInfo() != null) {
          problem = "must not carry a user name or password";
        }
      } catch (URISyntaxException e) {
        problem = "is not a valid URL";
      }
    }
    if (problem != null) {
      errors.add(new Problem.FieldError(path + ".url", problem));
      return null;
    }
    return value;
  }

  /** Teams and agents the actions name that the workspace does not have. */
  private Uni<List<Problem.FieldError>> references(String workspaceId, List<RuleAction> actions) {
    List<Problem.FieldError> problems = new ArrayList<>();
    return Multi.createFrom()
        .range(0, actions.size())
        .onItem()
        .transformToUniAndConcatenate(
            i -> {
              RuleAction action = actions.get(i);
              String path = "actions[" + i + "]";
              if (action.teamId() != null) {
                return teams
                    .findInWorkspace(workspaceId, UUID.fromString(action.teamId()))
                    .invoke(
                        team -> {
                          if (team == null) {
                            problems.add(
                                new Problem.FieldError(
                                    path + ".teamId", "names no team of your workspace"));
                          }
                        })
                    .replaceWithVoid();
              }
              if (action.agentId() != null) {
                return agents
                    .findInWorkspace(workspaceId, action.agentId())
                    .invoke(
                        found -> {
                          if (found == null) {
                            problems.add(
                                new Problem.FieldError(
                                    path + ".agentId", "names no agent of your workspace"));
                          }
                        })
                    .replaceWithVoid();
              }
              return Uni.createFrom().voidItem();
            })
        .collect()
        .asList()
        .map(ignored -> problems);
  }
}
