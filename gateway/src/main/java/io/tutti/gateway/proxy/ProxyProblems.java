package io.tutti.gateway.proxy;

import io.tutti.web.problem.Problem;
import java.time.Duration;

/** What the gateway answers when it cannot pass a request on, or its answer back. */
final class ProxyProblems {

  private static final long MIB = 1024 * 1024;

  private ProxyProblems() {}

  /** The service refused the connection, is not there, or has no connection free in time. */
  static Problem serviceUnavailable(String service) {
    return new Problem(
        Problem.type("service-unavailable"),
        "Service unavailable",
        503,
        "The " + service + " service cannot be reached right now. Try again shortly.");
  }

  /** The service failed repeatedly just now; its routes answer at once until a trial succeeds. */
  static Problem circuitOpen(String service) {
    return new Problem(
        Problem.type("service-unavailable"),
        "Service unavailable",
        503,
        "The " + service + " service is failing; requests to it pause for a few seconds.");
  }

  /** The service took the request but did not start answering in time. */
  static Problem gatewayTimeout(String service, Duration waited) {
    return new Problem(
        Problem.type("gateway-timeout"),
        "Service timed out",
        504,
        "The " + service + " service did not answer within " + waited.toMillis() + " ms.");
  }

  /** The service closed the connection or sent something that is not HTTP, before answering. */
  static Problem badGateway(String service) {
    return new Problem(
        Problem.type("bad-gateway"),
        "Bad gateway",
        502,
        "The " + service + " service closed the connection without answering.");
  }

  static Problem bodyTooLarge(long limitBytes) {
    String limit = limitBytes % MIB == 0 ? limitBytes / MIB + " MiB" : limitBytes + " bytes";
    return new Problem(
        Problem.type("body-too-large"),
        "Request body too large",
        413,
        "The request body is larger than the " + limit + " the gateway accepts.");
  }
}
