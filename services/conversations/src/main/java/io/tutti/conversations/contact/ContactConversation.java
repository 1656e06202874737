package io.tutti.conversations.contact;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.tutti.conversations.conversation.ConversationSummary;
import java.util.List;

/**
 * A contact's conversation: the queue's item with its latest messages.
 *
 * @param recentMessages its latest {@link RecentMessages#PER_CONVERSATION} messages and notes,
 *     newest first
 */
public record ContactConversation(
    @JsonUnwrapped ConversationSummary conversation, List<RecentMessage> recentMessages) {}
