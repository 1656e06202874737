package io.tutti.conversations.canned;

import io.tutti.conversations.conversation.Conversation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code {{…}}} placeholders of canned responses: {@code contact.name}, {@code
 * contact.first_name}, {@code contact.handle}, {@code agent.name} and {@code conversation.subject}.
 * A value that is not known is left empty.
 */
public final class Placeholders {

  public static final List<String> KNOWN =
      List.of(
          "contact.name",
          "contact.first_name",
          "contact.handle",
          "agent.name",
          "conversation.subject");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z_.]+)\\s*}}");

  private Placeholders() {}

  /** The placeholders a text uses, in order of first use. */
  public static List<String> in(String text) {
    LinkedHashSet<String> names = new LinkedHashSet<>();
    Matcher matcher = PLACEHOLDER.matcher(text);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return new ArrayList<>(names);
  }

  public static List<String> unknown(String text) {
    return in(text).stream().filter(name -> !KNOWN.contains(name)).toList();
  }

  public static String render(String text, Conversation conversation, String agentName) {
    String name = conversation.contactName == null ? "" : conversation.contactName.strip();
    Map<String, String> values =
        Map.of(
            "contact.name",
            name,
            "contact.first_name",
            name.isEmpty() ? "" : name.split("\\s+")[0],
            "contact.handle",
            conversation.contactHandle == null ? "" : conversation.contactHandle,
            "agent.name",
            agentName == null ? "" : agentName,
            "conversation.subject",
            conversation.subject == null ? "" : conversation.subject);
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder rendered = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(
          rendered, Matcher.quoteReplacement(values.getOrDefault(matcher.group(1), "")));
    }
    matcher.appendTail(rendered);
    return rendered.toString();
  }
}
