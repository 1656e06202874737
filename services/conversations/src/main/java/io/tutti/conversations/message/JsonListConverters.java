package io.tutti.conversations.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.tutti.events.storage.DatabaseJsonFormat;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists stored as JSON text. Hibernate Reactive reads a {@code jsonb} value as a Vert.x {@code
 * JsonObject}, which cannot hold an array, so JSON arrays live in text columns and are converted
 * here.
 */
final class JsonListConverters {

  private JsonListConverters() {}

  private static String write(Object value) {
    try {
      return DatabaseJsonFormat.MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot store " + value.getClass().getSimpleName(), e);
    }
  }

  private static <T> List<T> read(String json, TypeReference<List<T>> type) {
    try {
      return new ArrayList<>(DatabaseJsonFormat.MAPPER.readValue(json, type));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON list cannot be read", e);
    }
  }

  /** A message's files. */
  @Converter
  static class Attachments implements AttributeConverter<List<MessageAttachment>, String> {

    private static final TypeReference<List<MessageAttachment>> TYPE = new TypeReference<>() {};

    @Override
    public String convertToDatabaseColumn(List<MessageAttachment> attachments) {
      return write(attachments == null ? List.of() : attachments);
    }

    @Override
    public List<MessageAttachment> convertToEntityAttribute(String json) {
      return json == null ? new ArrayList<>() : read(json, TYPE);
    }
  }

  /** Email Message-IDs. */
  @Converter
  static class Texts implements AttributeConverter<List<String>, String> {

    private static final TypeReference<List<String>> TYPE = new TypeReference<>() {};

    @Override
    public String convertToDatabaseColumn(List<String> texts) {
      return texts == null ? null : write(texts);
    }

    @Override
    public List<String> convertToEntityAttribute(String json) {
      return json == null ? null : read(json, TYPE);
    }
  }
}
