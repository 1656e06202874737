package io.tutti.bench.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcStatTest {

  /** Fields 3.. of a real stat line: state, ppid, ..., utime 1234 (14th), stime 567 (15th). */
  private static final String AFTER_NAME =
      " S 4096 4100 4100 0 -1 4194304 95000 0 12 0 1234 567 0 0 20 0 57 0 88123 5012345678 91234"
          + " 18446744073709551615 1 1 0 0 0 0 0 4096 17615 0 0 0 17 1 0 0 0 0 0";

  @Test
  void readsPidParentNameAndCpuTicks() {
    var stat = ProcStat.parse("4321 (java)" + AFTER_NAME);

    assertThat(stat).isEqualTo(new ProcStat(4321, 4096, "java", 1234 + 567));
  }

  @Test
  void nameWithSpacesAndParenthesesEndsAtTheLastClosingParenthesis() {
    var stat = ProcStat.parse("77 (Web (Content) x) 1)" + AFTER_NAME);

    assertThat(stat.command()).isEqualTo("Web (Content) x) 1");
    assertThat(stat.parentPid()).isEqualTo(4096);
    assertThat(stat.cpuTicks()).isEqualTo(1801);
  }

  @Test
  void nameMadeOfParenthesesIsKept() {
    var stat = ProcStat.parse("1200 ((sd-pam))" + AFTER_NAME + "\n");

    assertThat(stat.command()).isEqualTo("(sd-pam)");
    assertThat(stat.pid()).isEqualTo(1200);
  }

  @Test
  void postgresBackendKeepsItsCommandName() {
    var stat = ProcStat.parse("9001 (postgres)" + AFTER_NAME);

    assertThat(stat.command()).isEqualTo("postgres");
  }

  @Test
  void lineWithoutANameIsRejected() {
    assertThatThrownBy(() -> ProcStat.parse("not a stat line"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ProcStat.parse("12 (short) S 1 2"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void residentBytesComeFromVmRssInKibibytes() {
    String status =
        """
        Name:\tjava
        State:\tS (sleeping)
        VmPeak:\t 9000000 kB
        VmRSS:\t  524288 kB
        RssAnon:\t  500000 kB
        """;

    assertThat(ProcStat.residentBytes(status)).isEqualTo(524288L * 1024);
  }

  @Test
  void kernelThreadHasNoResidentSet() {
    assertThat(ProcStat.residentBytes("Name:\tkthreadd\nState:\tS (sleeping)\n")).isZero();
  }
}
