package io.tutti.profiles.contact;

import java.time.Instant;

/**
 * One item of the qualification checklist as a sales rep left it.
 *
 * @param byId the user id of who set it
 */
public record ChecklistMark(boolean checked, String note, String byId, String byName, Instant at) {}
