package dev.ticketing.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrderSubjectsTest {

    @Test
    void coversTodaysSubjectsAndLongerOnes() {
        assertThat(OrderSubjects.FINAL_PATTERNS)
                .contains("ORDER.completed", "ORDER.completed.>", "ORDER.cancelled", "ORDER.cancelled.>");
        assertThat(OrderSubjects.isCompletion("ORDER.completed")).isTrue();
        assertThat(OrderSubjects.isCompletion("ORDER.completed.p7")).isTrue();
        assertThat(OrderSubjects.isCompletion("ORDER.completedness")).isFalse();
        assertThat(OrderSubjects.isCompletion("ORDER.cancelled")).isFalse();
    }
}
