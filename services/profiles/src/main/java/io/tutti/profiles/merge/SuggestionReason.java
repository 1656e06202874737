package io.tutti.profiles.merge;

import com.fasterxml.jackson.core.type.TypeReference;
import io.tutti.events.storage.DatabaseJsonFormat;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Why two contacts may be one person.
 *
 * @param reason a stable code: {@code same-email}, {@code same-phone}, {@code
 *     message-mentions-email}, {@code message-mentions-phone}, {@code web-visitor-identified},
 *     {@code shop-buyer-identified}, {@code same-name-and-company}, {@code same-name-and-city}
 * @param detail what matched, for the person deciding: the address, number, company or city
 * @param confidence 0 to 1: how likely the two are one person on this evidence alone
 */
public record SuggestionReason(String reason, String detail, BigDecimal confidence, Instant at) {

  public static final String SAME_EMAIL = "same-email";
  public static final String SAME_PHONE = "same-phone";
  public static final String MESSAGE_MENTIONS_EMAIL = "message-mentions-email";
  public static final String MESSAGE_MENTIONS_PHONE = "message-mentions-phone";
  public static final String WEB_VISITOR_IDENTIFIED = "web-visitor-identified";
  public static final String SHOP_BUYER_IDENTIFIED = "shop-buyer-identified";
  public static final String SAME_NAME_AND_COMPANY = "same-name-and-company";
  public static final String SAME_NAME_AND_CITY = "same-name-and-city";

  public boolean sameAs(SuggestionReason other) {
    return reason.equals(other.reason) && detail.equals(other.detail);
  }

  /**
   * Reasons stored as a JSON array in a text column (Hibernate Reactive reads jsonb as objects).
   */
  @Converter
  public static class ListConverter implements AttributeConverter<List<SuggestionReason>, String> {

    private static final TypeReference<List<SuggestionReason>> TYPE = new TypeReference<>() {};

    @Override
    public String convertToDatabaseColumn(List<SuggestionReason> reasons) {
      return DatabaseJsonFormat.write(reasons == null ? List.of() : reasons);
    }

    @Override
    public List<SuggestionReason> convertToEntityAttribute(String json) {
      return new ArrayList<>(DatabaseJsonFormat.read(json == null ? "[]" : json, TYPE));
    }
  }
}
