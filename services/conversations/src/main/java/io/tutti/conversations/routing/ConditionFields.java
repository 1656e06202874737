package io.tutti.conversations.routing;

import io.tutti.conversations.conversation.Priority;
import io.tutti.conversations.conversation.Status;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every field a condition may name. A new one is one entry here (and, when it needs a fact no run
 * loads yet, that fact in {@link Facts}).
 */
final class ConditionFields {

  /** The channels connectors deliver, as events name them. */
  static final List<String> CHANNELS =
      List.of("messenger", "instagram", "whatsapp", "sms", "telegram", "email", "web");

  static final String ATTRIBUTE_PREFIX = "contact.attribute.";

  /** Attribute names as profiles allows them. */
  private static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

  private static final FieldTypes.Text OPTIONAL_TEXT =
      FieldTypes.Text.of(
          EnumSet.of(
              Operator.EQUALS,
              Operator.NOT_EQUALS,
              Operator.CONTAINS,
              Operator.NOT_CONTAINS,
              Operator.MATCHES,
              Operator.IN,
              Operator.NOT_IN,
              Operator.PRESENT,
              Operator.ABSENT));

  private static final Map<String, ConditionField> FIELDS = new LinkedHashMap<>();

  static {
    add(
        new ConditionField(
            "channel", FieldTypes.Text.oneOf(CHANNELS), f -> f.conversation().channel));
    add(
        new ConditionField(
            "inbox", FieldTypes.Text.of(FieldTypes.CHOICE), f -> f.conversation().inboxId));
    add(
        new ConditionField("message.text", FieldTypes.Text.keywords(), Facts::text)
            .needing(Facts.Need.MESSAGE));
    add(
        new ConditionField(
                "message.language", FieldTypes.Text.of(FieldTypes.CHOICE), Facts::language)
            .needing(Facts.Need.MESSAGE));
    add(
        new ConditionField("contact.stage", OPTIONAL_TEXT, Facts::contactStage)
            .needing(Facts.Need.CONTACT));
    add(
        new ConditionField("contact.first_message", new FieldTypes.Flag(), Facts::firstConversation)
            .needing(Facts.Need.HISTORY));
    add(new ConditionField("label", new FieldTypes.Words(null), f -> f.conversation().labels));
    add(
        new ConditionField(
            "priority", new FieldTypes.Ranked(Priority.ids()), f -> f.conversation().priority));
    add(
        new ConditionField(
            "status", FieldTypes.Text.oneOf(Status.ids()), f -> f.conversation().status));
    add(
        new ConditionField(
                "referral.source",
                OPTIONAL_TEXT,
                f -> f.referral() == null ? null : f.referral().source())
            .needing(Facts.Need.REFERRAL));
    add(
        new ConditionField(
                "referral.adId",
                OPTIONAL_TEXT,
                f -> f.referral() == null ? null : f.referral().adId())
            .needing(Facts.Need.REFERRAL));
    add(
        new ConditionField(
                "referral.campaign",
                OPTIONAL_TEXT,
                f -> f.referral() == null ? null : f.referral().campaign())
            .needing(Facts.Need.REFERRAL));
    add(
        new ConditionField(
            "conversation.waiting_minutes", new FieldTypes.Number(), Facts::waitingMinutes));
    add(
        new ConditionField(
                "business_hours", FieldTypes.Text.oneOf(List.of("in", "out")), Facts::businessHours)
            .needing(Facts.Need.TEAMS));
    add(
        new ConditionField(
                "conversation.changed",
                new FieldTypes.Words(List.of("status", "priority", "labels", "assignee", "team")),
                Facts::changed)
            .only(Trigger.CONVERSATION_UPDATED));
  }

  private ConditionFields() {}

  private static void add(ConditionField field) {
    FIELDS.put(field.name(), field);
  }

  /** The field of this name: a fixed one, or {@code contact.attribute.<name>}. */
  static Optional<ConditionField> of(String name) {
    if (name == null) {
      return Optional.empty();
    }
    ConditionField fixed = FIELDS.get(name.strip());
    if (fixed != null) {
      return Optional.of(fixed);
    }
    String stripped = name.strip();
    if (stripped.startsWith(ATTRIBUTE_PREFIX)) {
      String attribute = stripped.substring(ATTRIBUTE_PREFIX.length());
      if (ATTRIBUTE.matcher(attribute).matches()) {
        return Optional.of(
            new ConditionField(
                    stripped, FieldTypes.Text.attribute(), f -> f.contactAttribute(attribute))
                .needing(Facts.Need.CONTACT));
      }
    }
    return Optional.empty();
  }

  /** The names an admin may use, for error messages. */
  static List<String> names() {
    List<String> names = new java.util.ArrayList<>(FIELDS.keySet());
    names.add(ATTRIBUTE_PREFIX + "<name>");
    return names;
  }
}
