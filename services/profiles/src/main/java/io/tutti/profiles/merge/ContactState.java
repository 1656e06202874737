package io.tutti.profiles.merge;

import io.tutti.profiles.contact.AttributeValue;
import io.tutti.profiles.contact.ChecklistMark;
import io.tutti.profiles.contact.Contact;
import io.tutti.profiles.contact.Touch;
import java.util.LinkedHashMap;
import java.util.Map;

/** Everything of a contact a merge may change, as it stood at one moment. */
public record ContactState(
    String name,
    String avatarUrl,
    String language,
    String country,
    String city,
    String company,
    String notes,
    String stage,
    String disqualifiedReason,
    String ownerId,
    String ownerName,
    Map<String, ChecklistMark> checklist,
    Map<String, AttributeValue> attributes,
    Touch firstTouch,
    Touch lastTouch) {

  public ContactState {
    checklist = checklist == null ? Map.of() : new LinkedHashMap<>(checklist);
    attributes = attributes == null ? Map.of() : new LinkedHashMap<>(attributes);
  }

  public static ContactState of(Contact c) {
    return new ContactState(
        c.name,
        c.avatarUrl,
        c.language,
        c.country,
        c.city,
        c.company,
        c.notes,
        c.stage,
        c.disqualifiedReason,
        c.ownerId,
        c.ownerName,
        c.checklist,
        c.attributes,
        c.firstTouch(),
        c.lastTouch());
  }

  public void applyTo(Contact c) {
    c.name = name;
    c.avatarUrl = avatarUrl;
    c.language = language;
    c.country = country;
    c.city = city;
    c.company = company;
    c.notes = notes;
    c.stage = stage;
    c.disqualifiedReason = disqualifiedReason;
    c.ownerId = ownerId;
    c.ownerName = ownerName;
    c.checklist = new LinkedHashMap<>(checklist);
    c.attributes = new LinkedHashMap<>(attributes);
    c.firstTouch(firstTouch);
    c.lastTouch(lastTouch);
  }
}
