package io.memsched.io.tflite;

import io.memsched.graph.Graph;
import java.util.List;

/**
 * A TFLite model as imported: the graph of subgraph 0 and how its operators and tensors map to the model's indices
 * (what a write-back needs).
 *
 * @param graph the graph of subgraph 0
 * @param opNames the graph operator of each operator index of subgraph 0
 * @param tensorNames the graph tensor of each tensor index of subgraph 0, {@code null} for weights and tensors no
 *     operator or subgraph list uses
 * @param variable whether each tensor of subgraph 0 is a variable tensor
 * @param subgraphs number of subgraphs of the model
 * @param totalTensors number of tensors over all subgraphs
 */
record TfliteGraph(Graph graph, List<String> opNames, List<String> tensorNames, boolean[] variable, int subgraphs,
                   int totalTensors) {
}
