/**
 * JMH micro-benchmarks, compiled and run only with the {@code jmh} Maven profile:
 * {@code mvn -B -Pjmh -DskipTests test-compile exec:exec@jmh [-Djmh.args="..."]}.
 */
package io.memsched.perf;
