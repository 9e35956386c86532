package io.memsched.report;

import io.memsched.arena.ArenaPlan;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * The table of {@code memsched bench --arena}: one row per problem and arena planner, with the arena height over
 * the load bound (the largest total size alive at one step, which no layout goes below).
 * <pre>{@code
 * ArenaBenchTable.of(List.of(new ContentionArenaPlanner().plan(ArenaProblems.generated(20_000, 0)))).print();
 * }</pre>
 */
public final class ArenaBenchTable {
    private ArenaBenchTable() {
    }

    /**
     * One row per plan, in order: problem, buffers, planner, height, loadBound, ratio (height / load bound, 1.0 for
     * an empty problem), status, seconds.
     */
    public static Table of(List<ArenaPlan> plans) {
        StringColumn problem = StringColumn.create("problem");
        IntColumn buffers = IntColumn.create("buffers");
        StringColumn planner = StringColumn.create("planner");
        LongColumn height = LongColumn.create("height");
        LongColumn bound = LongColumn.create("loadBound");
        DoubleColumn ratio = DoubleColumn.create("ratio");
        StringColumn status = StringColumn.create("status");
        DoubleColumn seconds = DoubleColumn.create("seconds");
        for (ArenaPlan p : plans) {
            long load = p.problem().loadBoundBytes();
            problem.append(p.problem().name());
            buffers.append(p.problem().buffers().size());
            planner.append(p.planner());
            height.append(p.arenaBytes());
            bound.append(load);
            ratio.append(load == 0 ? 1.0 : Math.round(p.arenaBytes() * 10_000.0 / load) / 10_000.0);
            status.append(p.status().name());
            seconds.append(Math.round(p.elapsed().toNanos() / 1e6) / 1e3);
        }
        // printed with fixed decimals: a ratio of exactly 1 reads 1.0000, not 1
        ratio.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
        seconds.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(3));
        return Table.create("arena planners", problem, buffers, planner, height, bound, ratio, status, seconds);
    }
}
