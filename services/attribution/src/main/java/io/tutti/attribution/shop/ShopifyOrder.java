package io.tutti.attribution.shop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tutti.attribution.conversion.SaleRequest;
import io.tutti.attribution.conversion.SaleService;
import io.tutti.web.problem.Problem;
import io.tutti.web.problem.ProblemException;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a sale needs from a Shopify order, as the Admin API's order resource and its {@code
 * orders/create} and {@code orders/paid} webhooks write it.
 *
 * @param orderId the order's numeric id (stable, unlike its {@code name} such as {@code #1001})
 * @param amount {@code total_price}, in the shop's currency
 * @param customerId {@code customer.id}: how profiles knows the buyer on channel {@code shop}
 * @param test an order of Shopify's test payment gateway, not a sale
 */
public record ShopifyOrder(
    String orderId,
    BigDecimal amount,
    String currency,
    Instant occurredAt,
    String customerId,
    String email,
    String phone,
    String name,
    boolean test) {

  private static final BigDecimal MAX_AMOUNT = new BigDecimal("99999999999999.99");

  /**
   * Reads the order of a webhook's body.
   *
   * @throws ProblemException 400 when the body is not JSON, 422 when it is no order a sale can be
   *     recorded from (no id, price or currency, or no email, phone or customer to name the buyer)
   */
  public static ShopifyOrder read(ObjectMapper json, byte[] body) {
    JsonNode order = parse(json, body);
    List<Problem.FieldError> errors = new ArrayList<>();
    if (!order.isObject()) {
      throw unprocessable(List.of(new Problem.FieldError("order", "must be a JSON object")));
    }
    JsonNode customer = order.path("customer");
    JsonNode billing = order.path("billing_address");

    String orderId = id(order.get("id"));
    if (orderId == null) {
      orderId = text(order.get("name"));
    }
    if (orderId == null || orderId.length() > 200) {
      errors.add(new Problem.FieldError("id", "is required"));
    }
    BigDecimal amount = amount(order.get("total_price"));
    if (amount == null) {
      errors.add(new Problem.FieldError("total_price", "must be an amount such as \"59.99\""));
    }
    String currency = currency(text(order.get("currency")));
    if (currency == null) {
      errors.add(new Problem.FieldError("currency", "must be an ISO 4217 code such as USD"));
    }
    Instant occurredAt = null;
    String at = first(text(order.get("created_at")), text(order.get("processed_at")));
    if (at != null) {
      try {
        occurredAt = OffsetDateTime.parse(at).toInstant();
      } catch (DateTimeParseException e) {
        errors.add(new Problem.FieldError("created_at", "must be an ISO 8601 date and time"));
      }
    }
    String customerId = id(customer.get("id"));
    String email =
        email(
            first(
                text(order.get("email")),
                text(order.get("contact_email")),
                text(customer.get("email"))));
    String phone =
        phone(
            first(
                text(order.get("phone")), text(customer.get("phone")), text(billing.get("phone"))));
    if (customerId == null && email == null && phone == null) {
      errors.add(new Problem.FieldError("customer", "or email or phone must name the buyer"));
    }
    if (!errors.isEmpty()) {
      throw unprocessable(errors);
    }
    String name =
        first(
            fullName(text(customer.get("first_name")), text(customer.get("last_name"))),
            text(billing.get("name")));
    return new ShopifyOrder(
        orderId,
        amount,
        currency,
        occurredAt,
        customerId,
        email,
        phone,
        name == null || name.length() > 200 ? null : name,
        order.path("test").asBoolean(false));
  }

  /** The sale this order is. */
  public SaleRequest sale() {
    return new SaleRequest(null, email, phone, orderId, amount, currency, occurredAt);
  }

  /** The buyer, as a contact attribution already knows, or for profiles to resolve (null). */
  public SaleService.Buyer buyer(String contactId) {
    return new SaleService.Buyer(contactId, email, phone, name, customerId);
  }

  private static JsonNode parse(ObjectMapper json, byte[] body) {
    if (body == null || body.length == 0) {
      throw malformed("The body is empty.");
    }
    try {
      JsonNode root =
          json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
      if (root == null || root.isMissingNode()) {
        throw malformed("The body is empty.");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw malformed("The body is not valid JSON.");
    } catch (IOException e) {
      throw malformed("The body could not be read as JSON.");
    }
  }

  /** Shopify's ids are JSON numbers; digits in a string are taken too. */
  private static String id(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isIntegralNumber() && node.bigIntegerValue().signum() > 0) {
      return node.bigIntegerValue().toString();
    }
    if (node.isTextual() && node.textValue().strip().matches("[0-9]{1,30}")) {
      return node.textValue().strip();
    }
    return null;
  }

  private static String text(JsonNode node) {
    if (node == null || !node.isTextual() || node.textValue().isBlank()) {
      return null;
    }
    return node.textValue().strip();
  }

  /** Shopify writes money as a string ({@code "59.99"}); a JSON number is taken too. */
  private static BigDecimal amount(JsonNode node) {
    BigDecimal value = null;
    if (node != null && node.isNumber()) {
      value = node.decimalValue();
    } else if (node != null && node.isTextual()) {
      try {
        value = new BigDecimal(node.textValue().strip());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return value == null || value.signum() < 0 || value.compareTo(MAX_AMOUNT) > 0 ? null : value;
  }

  private static String currency(String code) {
    if (code == null || !code.matches("[A-Z]{3}")) {
      return null;
    }
    try {
      return Currency.getInstance(code).getCurrencyCode();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** An address as profiles holds it (lower case); anything else names nobody. */
  private static String email(String value) {
    if (value == null || value.length() > 320 || value.indexOf('@') < 1 || value.contains(" ")) {
      return null;
    }
    return value.toLowerCase(Locale.ROOT);
  }

  private static String phone(String value) {
    return value == null || value.length() > 40 || !value.matches("\\+?[0-9()\\-. ]{4,40}")
        ? null
        : value;
  }

  private static String fullName(String first, String last) {
    String name =
        Stream.of(first, last).filter(part -> part != null).collect(Collectors.joining(" "));
    return name.isEmpty() ? null : name;
  }

  private static String first(String... values) {
    for (String value : values) {
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  private static ProblemException malformed(String detail) {
    return new Problem(Problem.type("malformed-body"), "Malformed body", 400, detail).exception();
  }

  private static ProblemException unprocessable(List<Problem.FieldError> errors) {
    return new Problem(
            Problem.type("order-unrecordable"),
            "Order cannot be recorded",
            422,
            errors.size() == 1
                ? "The order's "
                    + errors.getFirst().field()
                    + " "
                    + errors.getFirst().message()
                    + "."
                : "The order has " + errors.size() + " fields a sale cannot be recorded from.",
            errors)
        .exception();
  }
}
