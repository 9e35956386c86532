/**
 * PyTorch Inductor's memory-planning dumps: {@link io.memsched.io.inductor.InductorDumpImporter} reads the JSON
 * {@code export_graph_for_simulator} writes into a {@link io.memsched.graph.Graph} under memsched's memory model
 * (uses {@code io} for strict JSON reading).
 */
package io.memsched.io.inductor;
