package io.tutti.conversations.routing;

import io.tutti.conversations.conversation.Conversation;
import io.tutti.conversations.team.BusinessHours;
import io.tutti.conversations.team.Team;
import io.tutti.events.type.Referral;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the conditions of one run look at: the conversation as it is now (so a rule sees what the
 * rules before it changed), the customer message of the run, and what profiles told of the contact.
 * The message's text is examined up to a bound, whatever its length.
 */
final class Facts {

  /** What a run loads only when one of its rules asks about it. */
  enum Need {
    /** On {@code conversation_updated}: the customer's latest message. */
    MESSAGE,
    CONTACT,
    /** Whether the contact ever had another conversation. */
    HISTORY,
    /** The ad or link that brought the conversation, when the message itself names none. */
    REFERRAL,
    /** The workspace's teams, for their business hours. */
    TEAMS
  }

  private final Conversation conversation;
  private final Instant now;
  private final MessageLanguage languages;
  private String text;
  private String normalisedText;
  private String language;
  private Referral referral;
  private String contactStage;
  private Map<String, Object> contactAttributes = Map.of();
  private Boolean firstConversation;
  private List<String> changed = List.of();
  private Map<UUID, Team> teams = Map.of();

  Facts(Conversation conversation, Instant now, MessageLanguage languages) {
    this.conversation = conversation;
    this.now = now;
    this.languages = languages;
  }

  Facts text(String text, int maxLength) {
    this.text = Texts.bounded(text, maxLength);
    this.normalisedText = null;
    this.language = null;
    return this;
  }

  Facts referral(Referral referral) {
    this.referral = referral;
    return this;
  }

  Facts contact(String stage, Map<String, Object> attributes) {
    this.contactStage = stage;
    this.contactAttributes = attributes == null ? Map.of() : attributes;
    return this;
  }

  Facts firstConversation(Boolean first) {
    this.firstConversation = first;
    return this;
  }

  Facts teams(List<Team> teams) {
    Map<UUID, Team> byId = new HashMap<>();
    teams.forEach(team -> byId.put(team.id, team));
    this.teams = byId;
    return this;
  }

  /**
   * {@code in} or {@code out} of the business hours of the conversation's team (as the rules before
   * left it; a team without hours always works), or null when it has no team.
   */
  String businessHours() {
    Team team = conversation.teamId == null ? null : teams.get(conversation.teamId);
    if (team == null) {
      return null;
    }
    return BusinessHours.inBusinessHours(team, now) ? "in" : "out";
  }

  Facts changed(List<String> changed) {
    this.changed = changed == null ? List.of() : changed;
    return this;
  }

  Conversation conversation() {
    return conversation;
  }

  boolean hasReferral() {
    return referral != null;
  }

  String text() {
    if (normalisedText == null && text != null) {
      normalisedText = Texts.normalise(text);
    }
    return normalisedText;
  }

  /** The message's language ({@code ja}, {@code en}, …), {@code und} when it cannot tell. */
  String language() {
    if (language == null) {
      language = languages.detect(text);
    }
    return language;
  }

  Referral referral() {
    return referral;
  }

  String contactStage() {
    return contactStage;
  }

  Object contactAttribute(String name) {
    return contactAttributes.get(name);
  }

  Boolean firstConversation() {
    return firstConversation;
  }

  List<String> changed() {
    return changed;
  }

  /** Whole minutes the customer has waited for an answer; null when nothing waits. */
  Long waitingMinutes() {
    return conversation.waitingSince == null
        ? null
        : Math.max(0, Duration.between(conversation.waitingSince, now).toMinutes());
  }
}
