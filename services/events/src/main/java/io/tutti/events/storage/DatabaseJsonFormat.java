package io.tutti.events.storage;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.hibernate.orm.JsonFormat;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import java.io.IOException;
import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.format.FormatMapper;
import org.hibernate.type.format.jackson.JacksonJsonFormatMapper;

/**
 * How JSON columns are written: a mapper of their own, so that a change to how the API writes JSON
 * can never change what is stored. Instants are ISO-8601 text, decimals keep their digits, and
 * unknown fields are ignored so rows written by an older version still read.
 */
@JsonFormat
@PersistenceUnitExtension
public class DatabaseJsonFormat implements FormatMapper {

  /** The mapper of every JSON value stored, in JSON columns and in JSON text columns. */
  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private final FormatMapper delegate = new JacksonJsonFormatMapper(MAPPER);

  /** A value as JSON text, for the text columns that hold JSON arrays. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot store " + value.getClass().getSimpleName(), e);
    }
  }

  /** JSON text read back into its type. */
  public static <T> T read(String json, TypeReference<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON cannot be read", e);
    }
  }

  @Override
  public <T> T fromString(CharSequence text, JavaType<T> type, WrapperOptions options) {
    return delegate.fromString(text, type, options);
  }

  @Override
  public <T> String toString(T value, JavaType<T> type, WrapperOptions options) {
    return delegate.toString(value, type, options);
  }

  @Override
  public boolean supportsSourceType(Class<?> sourceType) {
    return delegate.supportsSourceType(sourceType);
  }

  @Override
  public boolean supportsTargetType(Class<?> targetType) {
    return delegate.supportsTargetType(targetType);
  }

  @Override
  public <T> void writeToTarget(T value, JavaType<T> type, Object target, WrapperOptions options)
      throws IOException {
    delegate.writeToTarget(value, type, target, options);
  }

  @Override
  public <T> T readFromSource(JavaType<T> type, Object source, WrapperOptions options)
      throws IOException {
    return delegate.readFromSource(type, source, options);
  }
}
