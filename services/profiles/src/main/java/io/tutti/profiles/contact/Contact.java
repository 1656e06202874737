package io.tutti.profiles.contact;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A person the workspace talks to, on however many channels. */
@Entity
@Table(name = "contact")
public class Contact {

  @Id public UUID id;

  @Column(name = "workspace_id", nullable = false)
  public String workspaceId;

  public String name;

  @Column(name = "avatar_url")
  public String avatarUrl;

  /** BCP 47 language tag, e.g. {@code ja} or {@code pt-BR}. */
  public String language;

  /** ISO 3166-1 alpha-2 code, upper case. */
  public String country;

  public String city;

  public String company;

  public String notes;

  /** One of {@link io.tutti.profiles.stage.Stage}'s ids. */
  @Column(nullable = false)
  public String stage;

  @Column(name = "disqualified_reason")
  public String disqualifiedReason;

  /** The lead owner's user id (a token subject) and the name shown for them. */
  @Column(name = "owner_id")
  public String ownerId;

  @Column(name = "owner_name")
  public String ownerName;

  /** Qualification checklist marks by item. */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  public Map<String, ChecklistMark> checklist = new LinkedHashMap<>();

  /** Custom attributes by key. */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  public Map<String, AttributeValue> attributes = new LinkedHashMap<>();

  @Column(name = "first_touch_channel")
  public String firstTouchChannel;

  @Column(name = "first_touch_campaign")
  public String firstTouchCampaign;

  @Column(name = "first_touch_at")
  public Instant firstTouchAt;

  @Column(name = "last_touch_channel")
  public String lastTouchChannel;

  @Column(name = "last_touch_campaign")
  public String lastTouchCampaign;

  @Column(name = "last_touch_at")
  public Instant lastTouchAt;

  /** Written by {@link io.tutti.profiles.search.SearchText}; never shown. */
  @Column(name = "search_text", nullable = false)
  public String searchText = "";

  /** The contact this one was merged into, while the merge stands. */
  @Column(name = "merged_into")
  public UUID mergedInto;

  @Column(name = "merged_at")
  public Instant mergedAt;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  public boolean isActive() {
    return mergedInto == null;
  }

  public Touch firstTouch() {
    return firstTouchAt == null
        ? null
        : new Touch(firstTouchChannel, firstTouchCampaign, firstTouchAt);
  }

  public Touch lastTouch() {
    return lastTouchAt == null ? null : new Touch(lastTouchChannel, lastTouchCampaign, lastTouchAt);
  }

  public void firstTouch(Touch touch) {
    firstTouchChannel = touch == null ? null : touch.channel();
    firstTouchCampaign = touch == null ? null : touch.campaign();
    firstTouchAt = touch == null ? null : touch.at();
  }

  public void lastTouch(Touch touch) {
    lastTouchChannel = touch == null ? null : touch.channel();
    lastTouchCampaign = touch == null ? null : touch.campaign();
    lastTouchAt = touch == null ? null : touch.at();
  }

  /**
   * Takes a touch into first and last touch: the earliest is the first, the latest the last.
   *
   * @return whether either changed
   */
  public boolean touched(Touch touch) {
    boolean changed = false;
    if (firstTouchAt == null || touch.at().isBefore(firstTouchAt)) {
      firstTouch(touch);
      changed = true;
    }
    if (lastTouchAt == null || !touch.at().isBefore(lastTouchAt)) {
      lastTouch(touch);
      changed = true;
    }
    return changed;
  }
}
