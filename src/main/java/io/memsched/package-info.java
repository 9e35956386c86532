/**
 * The facade: {@link io.memsched.Memsched} loads, plans, compares and saves; a {@link io.memsched.Plan} carries the
 * passes applied, the graph, the verified order and its proof; {@link io.memsched.Passes} lists the built-in passes.
 * Everything else is reachable from here; docs/ARCHITECTURE.md describes the packages and contracts.
 */
package io.memsched;
