package io.tutti.profiles.contact;

import io.tutti.web.security.Caller;

/**
 * Who made a change: a user (token subject and name) or Tutti itself.
 *
 * @param id the user id events and audit entries carry
 * @param name the name people read in the audit log and the timeline
 */
public record Actor(String id, String name) {

  /** Changes no person made: a sale recorded by attribution. */
  public static final Actor SYSTEM = new Actor("system", "Tutti");

  public static Actor of(Caller caller) {
    return new Actor(caller.userId(), caller.username());
  }
}
