package io.memsched.batch;

import java.util.ArrayList;
import java.util.List;

/** The single-threaded engine: the graphs one after another in the calling thread (id {@code serial}). */
public final class SerialEngine implements BatchEngine {
    @Override
    public String id() {
        return "serial";
    }

    @Override
    public String description() {
        return "one graph after another in this thread (no Spark)";
    }

    @Override
    public BatchResult run(BatchJob job, BatchProgress progress) {
        List<BatchRow> rows = new ArrayList<>(job.size());
        for (int i = 0; i < job.size(); i++) {
            if (Thread.currentThread().isInterrupted()) {
                return new BatchResult(rows, false);
            }
            BatchRow row = BatchTask.run(job, i);
            if (Thread.currentThread().isInterrupted()) {
                return new BatchResult(rows, false);   // the interrupted graph's order is not its real result
            }
            rows.add(row);
            progress.done(rows.size(), job.size());
        }
        return new BatchResult(rows, true);
    }
}
