/**
 * The Spark batch engine ({@code memsched batch}, id {@code spark}): a {@link io.memsched.batch.BatchJob} as one
 * Spark job, one task per graph, on {@code local[*]} in this JVM by default or on a cluster; lives in its own Maven
 * module so the core jar never loads Spark. Registered through {@link java.util.ServiceLoader}.
 */
package io.memsched.spark;
