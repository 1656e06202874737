package io.tutti.conversations.conversation;

/**
 * The shape of an assignment, as the API documents it. The endpoint reads the body itself, because
 * a field left out (keep it) and a field sent as null (clear it) mean different things.
 *
 * @param assigneeId the agent's user id, or null for nobody
 * @param teamId the team's id, or null for none
 */
public record AssignRequest(String assigneeId, String teamId) {}
