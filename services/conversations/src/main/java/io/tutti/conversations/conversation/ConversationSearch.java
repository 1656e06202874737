package io.tutti.conversations.conversation;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Adds words to a conversation's search vector: every message's text, the contact's name and
 * handle, the subject. The vector keeps lexemes without positions (the queue matches, it does not
 * rank), each text is read up to {@link #MAX_TEXT} characters, and a vector near PostgreSQL's 1 MB
 * limit stops growing rather than failing the message that would overflow it.
 */
@ApplicationScoped
public class ConversationSearch {

  static final int MAX_TEXT = 20_000;
  static final int MAX_VECTOR_BYTES = 512 * 1024;

  public Uni<Void> add(UUID conversationId, String... texts) {
    String words =
        Arrays.stream(texts)
            .filter(Objects::nonNull)
            .filter(text -> !text.isBlank())
            .map(SearchText::withPhoneDigits)
            .collect(Collectors.joining(" "));
    if (words.isBlank()) {
      return Uni.createFrom().voidItem();
    }
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "update conversation set search = search || strip(to_tsvector('simple',"
                            + " left(:words, :max))) where id = :id and pg_column_size(search) <"
                            + " :bytes")
                    .setParameter("words", words)
                    .setParameter("max", MAX_TEXT)
                    .setParameter("id", conversationId)
                    .setParameter("bytes", MAX_VECTOR_BYTES)
                    .executeUpdate())
        .replaceWithVoid();
  }
}
