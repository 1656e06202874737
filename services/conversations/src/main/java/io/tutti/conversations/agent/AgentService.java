package io.tutti.conversations.agent;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tutti.conversations.assignment.AssignmentSignals;
import io.tutti.conversations.config.AssignmentConfig;
import io.tutti.conversations.team.TeamMember;
import io.tutti.conversations.team.TeamMemberRepository;
import io.tutti.web.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** The workspace's agents: who they are, and what admins (and the agents themselves) set. */
@ApplicationScoped
public class AgentService {

  /** The channels an inbox connects (connectors' Channel), the keys of a per-channel capacity. */
  static final Set<String> CHANNELS =
      Set.of("messenger", "instagram", "whatsapp", "sms", "telegram", "email", "web");

  private static final int MAX_CAPACITY = 1000;

  private final AgentRepository agents;
  private final TeamMemberRepository members;
  private final Presence presence;
  private final AssignmentSignals signals;
  private final AssignmentConfig config;

  public AgentService(
      AgentRepository agents,
      TeamMemberRepository members,
      Presence presence,
      AssignmentSignals signals,
      AssignmentConfig config) {
    this.agents = agents;
    this.members = members;
    this.presence = presence;
    this.signals = signals;
    this.config = config;
  }

  /** Who asks: their workspace, their user id and whether they are an admin. */
  public record Editor(String workspaceId, String agentId, boolean admin) {}

  @WithSession
  public Uni<List<AgentView>> list(String workspaceId) {
    return agents.listByWorkspace(workspaceId).chain(found -> views(workspaceId, found));
  }

  @WithSession
  public Uni<AgentView> get(String workspaceId, String id) {
    return agents
        .findInWorkspace(workspaceId, id)
        .onItem()
        .ifNull()
        .failWith(() -> notFound(id).exception())
        .chain(agent -> views(workspaceId, List.of(agent)))
        .map(List::getFirst);
  }

  /**
   * Applies the change. An admin changes anyone of the workspace, and configures an agent who has
   * not signed in yet; an agent changes only their own availability.
   */
  @WithTransaction
  public Uni<AgentView> update(Editor editor, String id, AgentRequest request) {
    if (!editor.admin() && !(editor.agentId().equals(id) && request.onlyAvailability())) {
      throw new Problem(
              Problem.type("forbidden"),
              "Forbidden",
              403,
              "Agents set only their own availability; the rest is for admins.")
          .exception();
    }
    Availability availability = availability(request.availability());
    Map<String, Integer> channelCapacity = channelCapacity(request.channelCapacity());
    List<String> skills = skills(request.skills());
    return agents
        .ensure(editor.workspaceId(), List.of(id), config.defaultCapacity(), presence.now())
        .chain(() -> agents.lock(editor.workspaceId(), id))
        .call(
            agent -> {
              boolean changed = false;
              if (availability != null
                  && (!availability.id().equals(agent.availability) || agent.autoOffline)) {
                agent.availability = availability.id();
                agent.autoOffline = false;
                changed = true;
              }
              if (request.capacity() != null && request.capacity() != agent.capacity) {
                agent.capacity = request.capacity();
                changed = true;
              }
              if (channelCapacity != null && !channelCapacity.equals(agent.channelCapacity)) {
                agent.channelCapacity = channelCapacity;
                changed = true;
              }
              if (skills != null && !skills.equals(agent.skills)) {
                agent.skills = new ArrayList<>(skills);
                changed = true;
              }
              if (!changed) {
                return Uni.createFrom().voidItem();
              }
              agent.updatedAt = presence.now();
              // More capacity, another channel, new skills or back online: whatever changed, the
              // agent's queues may now have something for them.
              return agents
                  .flush()
                  .chain(() -> signals.agentTeams(editor.workspaceId(), agent.id()));
            })
        .chain(agent -> views(editor.workspaceId(), List.of(agent)))
        .map(List::getFirst);
  }

  private Uni<List<AgentView>> views(String workspaceId, List<Agent> found) {
    if (found.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    List<String> ids = found.stream().map(Agent::id).toList();
    return members
        .ofAgents(workspaceId, ids)
        .chain(
            rows ->
                agents
                    .loads(workspaceId, ids, null)
                    .map(
                        loads -> {
                          Map<String, List<UUID>> teams =
                              rows.stream()
                                  .collect(
                                      Collectors.groupingBy(
                                          (TeamMember row) -> row.key.agentId(),
                                          Collectors.mapping(
                                              row -> row.key.teamId(), Collectors.toList())));
                          return found.stream()
                              .map(
                                  agent ->
                                      AgentView.of(
                                          agent,
                                          teams.getOrDefault(agent.id(), List.of()),
                                          loads.get(agent.id()).total()))
                              .toList();
                        }));
  }

  private static Availability availability(String value) {
    if (value == null) {
      return null;
    }
    return Availability.of(value.strip().toLowerCase(Locale.ROOT))
        .orElseThrow(() -> invalid("availability", "must be one of " + Availability.ids()));
  }

  private static Map<String, Integer> channelCapacity(Map<String, Integer> requested) {
    if (requested == null) {
      return null;
    }
    List<Problem.FieldError> errors = new ArrayList<>();
    Map<String, Integer> caps = new LinkedHashMap<>();
    requested.forEach(
        (channel, cap) -> {
          String key = channel.strip().toLowerCase(Locale.ROOT);
          if (!CHANNELS.contains(key)) {
            errors.add(
                new Problem.FieldError(
                    "channelCapacity." + channel,
                    "is not a channel; channels are " + CHANNELS.stream().sorted().toList()));
          } else if (cap == null || cap < 0 || cap > MAX_CAPACITY) {
            errors.add(
                new Problem.FieldError(
                    "channelCapacity." + channel, "must be 0 to " + MAX_CAPACITY));
          } else {
            caps.put(key, cap);
          }
        });
    if (!errors.isEmpty()) {
      throw Problem.validation(errors).exception();
    }
    return caps;
  }

  private static List<String> skills(List<String> requested) {
    if (requested == null) {
      return null;
    }
    List<Problem.FieldError> errors = Skills.check(requested, "skills");
    if (!errors.isEmpty()) {
      throw Problem.validation(errors).exception();
    }
    return Skills.normalise(requested);
  }

  private static io.tutti.web.problem.ProblemException invalid(String field, String message) {
    return Problem.validation(List.of(new Problem.FieldError(field, message))).exception();
  }

  private static Problem notFound(String id) {
    return Problem.notFound("No agent " + id + " in your workspace.");
  }
}
