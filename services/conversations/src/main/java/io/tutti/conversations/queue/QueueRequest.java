package io.tutti.conversations.queue;

import io.tutti.conversations.conversation.Priority;
import io.tutti.conversations.conversation.Status;
import io.tutti.web.problem.Problem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** Reads the queue's query parameters, naming every one that is wrong. */
final class QueueRequest {

  private static final Pattern CHANNEL = Pattern.compile("[a-z_]{1,20}");
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]");
  static final int MAX_Q = 200;

  private final List<Problem.FieldError> errors = new ArrayList<>();

  static QueueFilter filter(
      String view,
      List<String> status,
      List<String> channel,
      List<String> inbox,
      List<String> label,
      List<String> priority,
      String assignee,
      String team,
      String q) {
    QueueRequest request = new QueueRequest();
    QueueFilter filter =
        new QueueFilter(
            request.view(view),
            request.oneOf("status", status, Status.ids()),
            request.matching("channel", channel, CHANNEL, "a channel such as whatsapp"),
            request.matching("inbox", inbox, Pattern.compile(".{1,100}"), "an inbox id"),
            request.labels(label),
            request.oneOf("priority", priority, Priority.ids()),
            request.assignee(assignee),
            request.team(team),
            request.q(q),
            null,
            null);
    request.throwIfInvalid();
    return filter;
  }

  static QueueSort sort(String sort) {
    if (sort == null || sort.isBlank()) {
      return QueueSort.LAST_ACTIVITY;
    }
    return QueueSort.of(sort.strip())
        .orElseThrow(
            () ->
                Problem.validation(
                        List.of(
                            new Problem.FieldError("sort", "must be one of " + QueueSort.ids())))
                    .exception());
  }

  private QueueView view(String view) {
    if (view == null || view.isBlank()) {
      return QueueView.ALL;
    }
    String value = view.strip();
    switch (value) {
      case "all" -> {
        return QueueView.ALL;
      }
      case "mine" -> {
        return new QueueView(QueueView.Kind.MINE, null);
      }
      case "unassigned" -> {
        return new QueueView(QueueView.Kind.UNASSIGNED, null);
      }
      default -> {
        if (value.startsWith("team:")) {
          UUID team = uuid(value.substring("team:".length()));
          if (team != null) {
            return new QueueView(QueueView.Kind.TEAM, team);
          }
        }
        errors.add(
            new Problem.FieldError("view", "must be mine, unassigned, team:{teamId} or all"));
        return QueueView.ALL;
      }
    }
  }

  private List<String> oneOf(String field, List<String> raw, List<String> allowed) {
    List<String> values = values(raw, true);
    for (String value : values) {
      if (!allowed.contains(value)) {
        errors.add(new Problem.FieldError(field, "must be one of " + allowed));
        return List.of();
      }
    }
    return values;
  }

  private List<String> matching(String field, List<String> raw, Pattern pattern, String what) {
    List<String> values = values(raw, false);
    for (String value : values) {
      if (!pattern.matcher(value).matches()) {
        errors.add(new Problem.FieldError(field, "must be " + what));
        return List.of();
      }
    }
    return values;
  }

  private List<String> labels(List<String> raw) {
    List<String> values = values(raw, true);
    for (String value : values) {
      if (value.length() > 50) {
        errors.add(new Problem.FieldError("label", "must be at most 50 characters"));
        return List.of();
      }
    }
    return values;
  }

  private String assignee(String assignee) {
    if (assignee == null || assignee.isBlank()) {
      return null;
    }
    String value = assignee.strip();
    if (value.length() > 100) {
      errors.add(new Problem.FieldError("assignee", "must be an agent's user id, me or none"));
      return null;
    }
    return value;
  }

  private String team(String team) {
    if (team == null || team.isBlank()) {
      return null;
    }
    String value = team.strip();
    if (value.equals("none") || uuid(value) != null) {
      return value;
    }
    errors.add(new Problem.FieldError("team", "must be a team id or none"));
    return null;
  }

  private String q(String q) {
    if (q == null || q.isBlank()) {
      return null;
    }
    String value = q.strip();
    if (value.length() > MAX_Q) {
      errors.add(new Problem.FieldError("q", "must be at most " + MAX_Q + " characters"));
      return null;
    }
    if (!WORD.matcher(value).find()) {
      errors.add(new Problem.FieldError("q", "must contain a letter or digit"));
      return null;
    }
    return value;
  }

  /** The values of a parameter given once with commas, several times, or both. */
  private static List<String> values(List<String> raw, boolean lowerCase) {
    LinkedHashSet<String> values = new LinkedHashSet<>();
    if (raw != null) {
      for (String entry : raw) {
        for (String value : entry.split(",")) {
          String stripped = value.strip();
          if (!stripped.isEmpty()) {
            values.add(lowerCase ? stripped.toLowerCase(Locale.ROOT) : stripped);
          }
        }
      }
    }
    return List.copyOf(values);
  }

  private static UUID uuid(String value) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private void throwIfInvalid() {
    if (!errors.isEmpty()) {
      throw Problem.validation(errors).exception();
    }
  }
}
