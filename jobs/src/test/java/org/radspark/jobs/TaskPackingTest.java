package org.radspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** How the cohort job cuts cases into batches and tasks. */
class TaskPackingTest {

    @Test
    void bigCasesGetTheirOwnTaskBiggestFirstAndSmallOnesShare() {
        long mb = 1L << 20;
        List<Long> sizes = List.of(100L, 3 * mb, 600_000L, 30 * mb, 500_000L, 200L, 5 * mb);
        List<List<Long>> groups = CohortExtractJob.groupSmallCases(sizes, Long::longValue, mb);
        assertEquals(List.of(List.of(30 * mb), List.of(5 * mb), List.of(3 * mb), List.of(600_000L, 500_000L),
            List.of(200L, 100L)), groups);
    }

    @Test
    void packIntoGivesBalancedGroupsHeaviestFirst() {
        List<Long> sizes = List.of(7L, 5L, 4L, 3L, 3L, 2L, 1L);
        List<List<Long>> groups = CohortExtractJob.packInto(sizes, Long::longValue, 3);
        // LPT: 7, 5, 4 open the groups; 3 -> the 4 (7), 3 -> the 5 (8), 2 -> the first 7 (9), 1 -> the other 7 (8)
        assertEquals(List.of(List.of(7L, 2L), List.of(5L, 3L), List.of(4L, 3L, 1L)), groups);
        assertEquals(2, CohortExtractJob.packInto(List.of(1L, 2L), Long::longValue, 2).size());
    }

    @Test
    void batchesHaveTheFixedSizeOrSixteenCasesPerSlot() {
        List<Row> cases = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            cases.add(RowFactory.create("P" + i));
        }
        assertEquals(List.of(64, 64, 22), CohortExtractJob.batches(cases, 0, 2).stream().map(List::size).toList());
        assertEquals(List.of(80, 70), CohortExtractJob.batches(cases, 0, 5).stream().map(List::size).toList());
        assertEquals(List.of(100, 50), CohortExtractJob.batches(cases, 100, 8).stream().map(List::size).toList());
    }
}
