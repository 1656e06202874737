package io.tutti.attribution.shop;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tutti.attribution.conversion.SaleView;

/**
 * What Shopify is told of a delivery: any 2xx is all it needs; the rest helps whoever reads the
 * shop's webhook delivery log.
 *
 * @param outcome {@code recorded} (a new sale), {@code already-recorded} (the order's sale, from an
 *     earlier delivery or another topic) or {@code ignored} (a topic or order that is no sale)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookAnswer(String outcome, String orderId, String saleId, String detail) {

  static WebhookAnswer of(SaleView sale, boolean created) {
    return new WebhookAnswer(
        created ? "recorded" : "already-recorded", sale.orderId(), sale.id(), null);
  }

  static WebhookAnswer alreadyRecorded(String orderId, SaleView sale) {
    return new WebhookAnswer("already-recorded", orderId, sale == null ? null : sale.id(), null);
  }

  static WebhookAnswer ignored(String detail) {
    return new WebhookAnswer("ignored", null, null, detail);
  }
}
