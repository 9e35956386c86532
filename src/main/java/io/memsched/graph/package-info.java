/**
 * The graph model: {@link io.memsched.graph.Tensor tensors}, {@link io.memsched.graph.Op operators}, the
 * immutable, validated {@link io.memsched.graph.Graph}, its tensor-level fluent {@link io.memsched.graph.GraphBuilder}
 * and the layer-level {@link io.memsched.graph.NetworkBuilder} with shape inference.
 */
package io.memsched.graph;
