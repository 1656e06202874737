package io.tutti.events;

/** Names on the broker that every service agrees on. */
public final class EventTopology {

  /** The one durable topic exchange every event is published to; routing key = event type. */
  public static final String EVENTS_EXCHANGE = "tutti.events";

  /** Where a consumer's queue sends what it could not process after its bounded retries. */
  public static final String DEAD_LETTER_EXCHANGE = "tutti.dlx";

  /** AMQP header carrying the W3C trace context of the change that produced the event. */
  public static final String TRACEPARENT_HEADER = "traceparent";

  /** AMQP header carrying the W3C tracestate (vendors' entries) that goes with the traceparent. */
  public static final String TRACESTATE_HEADER = "tracestate";

  /**
   * AMQP header set by quorum queues on redelivery: how many times the message was returned before.
   */
  public static final String DELIVERY_COUNT_HEADER = "x-delivery-count";

  private EventTopology() {}

  /**
   * The queue a service consumes for one purpose: {@code <service>.<purpose>}, e.g. {@code
   * conversations.message-received}.
   */
  public static String queueName(String service, String purpose) {
    return service + "." + purpose;
  }
}
