package io.tutti.bench.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessGroupsTest {

  private static final List<ProcStat> MACHINE =
      List.of(
          new ProcStat(1, 0, "systemd", 0),
          new ProcStat(100, 1, "bash", 0),
          new ProcStat(101, 100, "java", 0),
          new ProcStat(200, 1, "kc.sh", 0),
          new ProcStat(201, 200, "java", 0),
          new ProcStat(202, 201, "sh", 0),
          new ProcStat(300, 1, "postgres", 0),
          new ProcStat(301, 300, "postgres", 0),
          new ProcStat(302, 300, "postgres", 0),
          new ProcStat(400, 1, "beam.smp", 0),
          new ProcStat(401, 400, "erl_child_setup", 0),
          new ProcStat(500, 1, "java", 0));

  @Test
  void launcherComponentIsItsProcessWithEveryDescendant() {
    var members = ProcessGroups.members(MACHINE, Map.of("keycloak", 200L, "gateway", 101L), 500);

    assertThat(members.get("keycloak")).containsExactlyInAnyOrder(200L, 201L, 202L);
    assertThat(members.get("gateway")).containsExactly(101L);
  }

  @Test
  void postgresqlIsEveryPostgresProcessAndRabbitmqItsErlangVm() {
    var members = ProcessGroups.members(MACHINE, Map.of(), 500);

    assertThat(members.get("postgresql")).containsExactlyInAnyOrder(300L, 301L, 302L);
    assertThat(members.get("rabbitmq")).containsExactly(400L);
    assertThat(members.get("bench")).containsExactly(500L);
  }

  @Test
  void componentWhosePidIsGoneIsLeftOut() {
    var members = ProcessGroups.members(MACHINE, Map.of("profiles", 999L), 500);

    assertThat(members).doesNotContainKey("profiles");
  }

  @Test
  void sampleReadsTicksAndMemoryFromAProcTree(@TempDir Path root) throws Exception {
    var proc = root.resolve("proc");
    var pids = root.resolve(".tutti/pids");
    Files.createDirectories(pids);
    Files.writeString(pids.resolve("conversations.pid"), "10\n");
    process(proc, 10, 1, "java", 70, 30, 2048);
    process(proc, 11, 10, "java worker", 5, 5, 1024);
    process(proc, 20, 1, "postgres", 1, 2, 100);
    process(proc, 21, 20, "postgres", 3, 4, 200);
    process(proc, 30, 1, "bash", 9, 9, 9);

    var sample = new ProcessGroups(proc, pids, 30).sample();

    assertThat(sample.keySet()).containsExactlyInAnyOrder("conversations", "postgresql", "bench");
    assertThat(sample.get("conversations"))
        .isEqualTo(new GroupSample(Map.of(10L, 100L, 11L, 10L), 3072L * 1024));
    assertThat(sample.get("postgresql").cpuTicksByPid()).isEqualTo(Map.of(20L, 3L, 21L, 7L));
    assertThat(sample.get("postgresql").residentBytes()).isEqualTo(300L * 1024);
    assertThat(sample.get("bench").cpuTicksByPid().keySet()).isEqualTo(Set.of(30L));
  }

  private static void process(
      Path proc, long pid, long parent, String name, long user, long system, long rssKb)
      throws Exception {
    var dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
    Files.writeString(
        dir.resolve("stat"),
        "%d (%s) S %d %d %d 0 -1 4194304 100 0 0 0 %d %d 0 0 20 0 1 0 100 1000 10\n"
            .formatted(pid, name, parent, pid, pid, user, system));
    Files.writeString(dir.resolve("status"), "Name:\t%s\nVmRSS:\t%d kB\n".formatted(name, rssKb));
  }
}
