package io.tutti.conversations.assignment;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tutti.conversations.agent.Presence;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The periodic pass of assignment: agents not seen for the presence timeout go offline,
 * conversations their agent left unanswered too long are re-assigned, and every team queue is
 * served (normally already empty of what can be given: signals serve queues at once, this catches
 * what a lost signal or a crash left). Each step is safe on several replicas at once.
 */
@ApplicationScoped
public class AssignmentSweep {

  private static final Logger LOG = Logger.getLogger(AssignmentSweep.class);

  private final Presence presence;
  private final NoReplyWatch noReply;
  private final TeamQueues queues;

  public AssignmentSweep(Presence presence, NoReplyWatch noReply, TeamQueues queues) {
    this.presence = presence;
    this.noReply = noReply;
    this.queues = queues;
  }

  @Scheduled(
      identity = "conversations-assignment-sweep",
      every = "${tutti.assignment.check-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> scheduled() {
    return run();
  }

  /** One pass of every step. */
  public Uni<Void> run() {
    return step("presence", presence.expire())
        .chain(() -> step("no-reply watch", noReply.reassignDue()))
        .chain(() -> step("team queues", queues.serveAll()))
        .replaceWithVoid();
  }

  /** One step; a failure is logged and the next steps run all the same. */
  private static Uni<Integer> step(String name, Uni<Integer> work) {
    return work.invoke(
            count -> {
              if (count > 0) {
                LOG.debugf("assignment sweep, %s: %d", name, count);
              }
            })
        .onFailure()
        .recoverWithItem(
            failure -> {
              LOG.warnf("assignment sweep, %s failed: %s", name, failure.toString());
              return 0;
            });
  }
}
