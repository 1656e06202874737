package io.tutti.attribution.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tutti.attribution.conversion.SaleService;
import io.tutti.web.problem.Problem;
import io.tutti.web.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShopifyOrderTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theSampleOrderIsASaleOfItsCustomer() {
    ShopifyOrder order = ShopifyOrder.read(JSON, Shopify.sampleOrder());

    assertThat(order.orderId()).isEqualTo("5912837465120");
    assertThat(order.amount()).isEqualByComparingTo("134.56");
    assertThat(order.currency()).isEqualTo("USD");
    assertThat(order.occurredAt()).isEqualTo(Instant.parse("2025-03-14T14:41:07Z"));
    assertThat(order.test()).isFalse();
    assertThat(order.buyer(null))
        .isEqualTo(
            new SaleService.Buyer(
                null, "ada.lovelace@example.com", "+14155550142", "Ada Lovelace", "7301928374651"));
    assertThat(order.sale().orderId()).isEqualTo("5912837465120");
  }

  @Test
  void theContactEmailAndTheBillingPhoneNameAGuest() {
    ShopifyOrder order =
        read(
            """
            {"id": 820982911946154508, "name": "#9999", "email": "", "contact_email": "Jon@Example.com",
             "phone": null, "customer": null, "total_price": "10.00", "currency": "CAD",
             "processed_at": "2025-01-02T03:04:05+01:00",
             "billing_address": {"name": "Jon Snow", "phone": "+1 613-555-0135"}}
            """);

    assertThat(order.orderId()).isEqualTo("820982911946154508");
    assertThat(order.occurredAt()).isEqualTo(Instant.parse("2025-01-02T02:04:05Z"));
    assertThat(order.buyer(null))
        .isEqualTo(
            new SaleService.Buyer(null, "jon@example.com", "+1 613-555-0135", "Jon Snow", null));
  }

  @Test
  void anOrderWithoutItsIdIsKnownByItsName() {
    ShopifyOrder order =
        read(
            """
            {"name": "#1001", "email": "a@b.example", "total_price": 5, "currency": "USD"}
            """);

    assertThat(order.orderId()).isEqualTo("#1001");
    assertThat(order.amount()).isEqualByComparingTo("5");
    assertThat(order.occurredAt()).isNull();
  }

  @Test
  void anOrderNoSaleCanBeRecordedFromIs422NamingEachField() {
    assertThatThrownBy(
            () ->
                read(
                    """
                    {"id": "gid://shopify/Order/1", "total_price": "-1", "currency": "usd",
                     "created_at": "yesterday", "email": "nobody", "customer": {"first_name": "A"}}
                    """))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.problem().status()).isEqualTo(422);
              assertThat(e.problem().errors())
                  .extracting(Problem.FieldError::field)
                  .containsExactly("id", "total_price", "currency", "created_at", "customer");
            });
    assertThatThrownBy(() -> read("[1, 2]"))
        .isInstanceOfSatisfying(
            ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(422));
  }

  @Test
  void aBodyThatIsNotJsonIs400() {
    for (String body : List.of("", "{\"id\": ", "{} {}", "not json")) {
      assertThatThrownBy(() -> read(body))
          .isInstanceOfSatisfying(
              ProblemException.class,
              e -> {
                assertThat(e.problem().status()).isEqualTo(400);
                assertThat(e.problem().type()).isEqualTo("urn:tutti:problem:malformed-body");
              });
    }
  }

  @Test
  void aTestOrderSaysSo() {
    assertThat(
            read("""
            {"id": 1, "email": "a@b.example", "total_price": "1.00", "currency": "USD",
             "test": true}
            """)
                .test())
        .isTrue();
  }

  private static ShopifyOrder read(String body) {
    return ShopifyOrder.read(JSON, body.getBytes(StandardCharsets.UTF_8));
  }
}
