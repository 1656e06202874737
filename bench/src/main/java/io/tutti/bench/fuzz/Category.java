package io.tutti.bench.fuzz;

/**
 * What a fuzz case aims at, with its share of a run (in ten-thousandths) and the lane it is sent
 * on: webhooks unpaced (the gateway allows 10,000 a second per address), {@code /track} paced under
 * the public limit per address, the API paced under the limit per bearer token.
 */
public enum Category {
  INSTAGRAM("webhook.instagram", Lane.WEBHOOK, 1000),
  MESSENGER("webhook.messenger", Lane.WEBHOOK, 1000),
  WHATSAPP("webhook.whatsapp", Lane.WEBHOOK, 1000),
  SMS("webhook.twilio", Lane.WEBHOOK, 1000),
  TELEGRAM("webhook.telegram", Lane.WEBHOOK, 1000),
  EMAIL("webhook.email", Lane.WEBHOOK, 1000),
  TRACK("public.track", Lane.PUBLIC, 500),
  API_QUEUE("api.queue", Lane.API, 450),
  API_CONVERSATION("api.conversation", Lane.API, 500),
  API_MESSAGES("api.messages", Lane.API, 450),
  API_CONTACTS("api.contacts", Lane.API, 550),
  API_ROUTING("api.routing-rules", Lane.API, 400),
  API_TEAMS("api.teams", Lane.API, 250),
  API_INBOXES("api.inboxes", Lane.API, 250),
  API_ATTRIBUTION("api.attribution", Lane.API, 450),
  API_OTHER("api.other", Lane.API, 200);

  /** How a category's requests are paced. */
  public enum Lane {
    WEBHOOK,
    PUBLIC,
    API
  }

  static final int TOTAL_WEIGHT = 10_000;

  private final String label;
  private final Lane lane;
  private final int weight;

  Category(String label, Lane lane, int weight) {
    this.label = label;
    this.lane = lane;
    this.weight = weight;
  }

  /** The name the report shows, e.g. {@code webhook.whatsapp}. */
  public String label() {
    return label;
  }

  public Lane lane() {
    return lane;
  }

  /** Share of a run in ten-thousandths; all categories add up to {@link #TOTAL_WEIGHT}. */
  int weight() {
    return weight;
  }

  /** The category a uniform draw in {@code [0, TOTAL_WEIGHT)} falls in. */
  static Category at(int draw) {
    int upTo = 0;
    for (Category category : values()) {
      upTo += category.weight;
      if (draw < upTo) {
        return category;
      }
    }
    throw new IllegalArgumentException("draw out of range: " + draw);
  }
}
