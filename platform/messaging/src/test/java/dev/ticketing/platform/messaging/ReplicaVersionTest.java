package dev.ticketing.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplicaVersionTest {

    @Test
    void theNextVersionIsApplied() {
        assertThat(ReplicaVersion.decide(0, 1)).isEqualTo(ReplicaVersion.APPLY);
        assertThat(ReplicaVersion.decide(41, 42)).isEqualTo(ReplicaVersion.APPLY);
    }

    @Test
    void theCurrentOrAnOlderVersionIsSkipped() {
        assertThat(ReplicaVersion.decide(3, 3)).isEqualTo(ReplicaVersion.SKIP);
        assertThat(ReplicaVersion.decide(3, 1)).isEqualTo(ReplicaVersion.SKIP);
    }

    @Test
    void aVersionBeyondTheNextIsAGap() {
        assertThat(ReplicaVersion.decide(3, 5)).isEqualTo(ReplicaVersion.GAP);
        assertThat(ReplicaVersion.decide(0, 100)).isEqualTo(ReplicaVersion.GAP);
    }
}
