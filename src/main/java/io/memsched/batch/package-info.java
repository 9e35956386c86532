/**
 * Batch scoring: one schedule per graph over many graphs (files, zoo names, a generated search space), as one job.
 * A {@link io.memsched.batch.BatchJob} (the graphs as {@link io.memsched.batch.GraphSource}s, the
 * {@link io.memsched.batch.BatchSettings} every graph is scheduled with) runs on a
 * {@link io.memsched.batch.BatchEngine}: {@link io.memsched.batch.SerialEngine} here, the Spark engine in the
 * {@code spark} module. Each graph is one {@link io.memsched.batch.BatchTask} giving one
 * {@link io.memsched.batch.BatchRow}; a graph that fails is a row with its error; rows come back in job order.
 */
package io.memsched.batch;
