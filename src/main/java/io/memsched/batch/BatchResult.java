package io.memsched.batch;

import java.util.List;

/**
 * What a batch run gives back.
 *
 * @param rows the rows, ordered by {@link BatchRow#index()}; all of them when {@code complete}
 * @param complete false when the run was interrupted (the rows finished so far, possibly none)
 */
public record BatchResult(List<BatchRow> rows, boolean complete) {
    /** Copies the list. */
    public BatchResult {
        rows = List.copyOf(rows);
    }
}
