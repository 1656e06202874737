package io.tutti.gateway.proxy;

import io.tutti.gateway.security.BrowserSession;
import io.tutti.web.problem.Problem;

/** What a call made with the browser's session gets when the session cannot carry it. */
final class SessionProblems {

  private SessionProblems() {}

  static Problem signedOut() {
    return new Problem(
        Problem.type("signed-out"),
        "Signed out",
        401,
        "The session has ended or is not valid. Sign in again.");
  }

  static Problem csrfMissing() {
    return new Problem(
        Problem.type("csrf-token-missing"),
        "CSRF token missing or wrong",
        403,
        "A change made with the browser session needs the "
            + BrowserSession.CSRF_HEADER
            + " header equal to the "
            + BrowserSession.CSRF_COOKIE
            + " cookie.");
  }
}
