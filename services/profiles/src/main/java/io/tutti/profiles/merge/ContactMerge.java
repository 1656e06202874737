package io.tutti.profiles.merge;

import com.fasterxml.jackson.core.type.TypeReference;
import io.tutti.events.storage.DatabaseJsonFormat;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One merge: what it found, what it changed and moved, so that an unmerge can undo exactly that.
 */
@Entity
@Table(name = "contact_merge")
public class ContactMerge {

  @Id public UUID id;

  @Column(name = "workspace_id", nullable = false)
  public String workspaceId;

  @Column(name = "survivor_id", nullable = false)
  public UUID survivorId;

  @Column(name = "merged_id", nullable = false)
  public UUID mergedId;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "survivor_before", nullable = false)
  public ContactState survivorBefore;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "survivor_after", nullable = false)
  public ContactState survivorAfter;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "merged_state", nullable = false)
  public ContactState mergedState;

  @Convert(converter = Conflicts.class)
  @Column(nullable = false)
  public List<Conflict> conflicts = new ArrayList<>();

  /** Identities that moved from the merged contact to the survivor. */
  @Convert(converter = IdList.class)
  @Column(name = "moved_identities", nullable = false)
  public List<UUID> movedIdentities = new ArrayList<>();

  /** Handles that moved; those the survivor held already stayed where they were. */
  @Convert(converter = IdList.class)
  @Column(name = "moved_handles", nullable = false)
  public List<UUID> movedHandles = new ArrayList<>();

  @Column(name = "by_id", nullable = false)
  public String byId;

  @Column(name = "by_name")
  public String byName;

  @Column(name = "merged_at", nullable = false)
  public Instant mergedAt;

  @Column(name = "unmerged_by_id")
  public String unmergedById;

  @Column(name = "unmerged_by_name")
  public String unmergedByName;

  @Column(name = "unmerged_at")
  public Instant unmergedAt;

  public boolean inForce() {
    return unmergedAt == null;
  }

  /** Conflicts as a JSON array in a text column (Hibernate Reactive reads jsonb as objects). */
  @Converter
  public static class Conflicts implements AttributeConverter<List<Conflict>, String> {

    private static final TypeReference<List<Conflict>> TYPE = new TypeReference<>() {};

    @Override
    public String convertToDatabaseColumn(List<Conflict> conflicts) {
      return DatabaseJsonFormat.write(conflicts == null ? List.of() : conflicts);
    }

    @Override
    public List<Conflict> convertToEntityAttribute(String json) {
      return new ArrayList<>(DatabaseJsonFormat.read(json == null ? "[]" : json, TYPE));
    }
  }

  /** Row ids as a JSON array in a text column. */
  @Converter
  public static class IdList implements AttributeConverter<List<UUID>, String> {

    private static final TypeReference<List<UUID>> TYPE = new TypeReference<>() {};

    @Override
    public String convertToDatabaseColumn(List<UUID> ids) {
      return DatabaseJsonFormat.write(ids == null ? List.of() : ids);
    }

    @Override
    public List<UUID> convertToEntityAttribute(String json) {
      return new ArrayList<>(DatabaseJsonFormat.read(json == null ? "[]" : json, TYPE));
    }
  }
}
