package io.tutti.bench.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceMemoryTest {

  @Test
  void serialHeapIsTheYoungAndTheTenuredGenerationTogether() {
    String heapInfo =
        """
        10468:
        DefNew     total 19712K, used 7148K [0x00000000e0000000, 0x00000000e1560000, 0x00000000eaaa0000)
         eden space 17536K,  34% used [0x00000000e0000000, 0x00000000e05e1920, 0x00000000e1120000)
         from space 2176K,  51% used [0x00000000e1120000, 0x00000000e1239948, 0x00000000e1340000)
         to   space 2176K,   0% used [0x00000000e1340000, 0x00000000e1340000, 0x00000000e1560000)
        Tenured    total 43712K, used 26049K [0x00000000eaaa0000, 0x00000000ed550000, 0x0000000100000000)
         the  space 43712K,  59% used [0x00000000eaaa0000, 0x00000000ec4104f0, 0x00000000ed550000)
         Metaspace       used 61234K, committed 61888K, reserved 1114112K
          class space    used 7654K, committed 7936K, reserved 1048576K
        """;

    assertThat(ServiceMemory.heapUsed(heapInfo)).isEqualTo((7148L + 26049L) * 1024);
  }

  @Test
  void g1HeapIsItsOneHeapLine() {
    String heapInfo =
        """
        4242:
         garbage-first heap   total reserved 524288K, committed 65536K, used 34567K [0x00000000e0000000, 0x0000000100000000)
          region size 1024K, 5 young (5120K), 1 survivors (1024K)
         Metaspace       used 50000K, committed 50500K, reserved 1114112K
          class space    used 6000K, committed 6200K, reserved 1048576K
        """;

    assertThat(ServiceMemory.heapUsed(heapInfo)).isEqualTo(34567L * 1024);
  }

  @Test
  void anAnswerWithoutAHeapIsUnknown() {
    assertThat(ServiceMemory.heapUsed("4242:\ncom.sun.tools.attach.AttachNotSupportedException"))
        .isEqualTo(-1);
  }
}
