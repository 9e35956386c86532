package io.memsched.io;

import io.memsched.graph.Graph;
import io.memsched.graph.Ints;
import io.memsched.graph.Sizes;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jgrapht.graph.DirectedPseudograph;
import org.jgrapht.nio.Attribute;
import org.jgrapht.nio.DefaultAttribute;
import org.jgrapht.nio.dot.DOTExporter;

/**
 * A graph as Graphviz DOT, written by JGraphT's {@link DOTExporter}: one box per operator (name and type), one
 * ellipse per graph input and output, one edge per tensor from its producer to each distinct consumer, labelled
 * with the tensor's name and size. {@code memsched convert g.json g.dot} and {@code Memsched.save(g, "g.dot")}
 * write it; {@code dot -Tsvg g.dot} draws it.
 */
public final class GraphDot {
    private GraphDot() {
    }

    /** A tensor edge: the tensor's index in the graph. */
    private record TensorEdge(int tensor, int consumer) {
    }

    /** The DOT text of {@code graph}. */
    public static String write(Graph graph) {
        DirectedPseudograph<String, TensorEdge> dag = new DirectedPseudograph<>(null, null, false);
        Map<String, Map<String, Attribute>> vertexAttrs = new LinkedHashMap<>();
        for (int i = 0; i < graph.opCount(); i++) {
            String v = "op" + i;
            dag.addVertex(v);
            vertexAttrs.put(v, Map.of("label", DefaultAttribute.createAttribute(
                    graph.op(i).name() + "\\n" + graph.op(i).type()), "shape", DefaultAttribute.createAttribute("box")));
        }
        Ints inputs = graph.inputIndices();
        for (int k = 0; k < inputs.size(); k++) {
            String v = "in" + inputs.get(k);
            dag.addVertex(v);
            vertexAttrs.put(v, endpoint(graph, inputs.get(k)));
        }
        for (int t = 0; t < graph.tensorCount(); t++) {
            int producer = graph.producer(t);
            String from = producer < 0 ? "in" + t : "op" + producer;
            Ints consumers = graph.consumers(t);
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int k = 0; k < consumers.size(); k++) {
                int c = consumers.get(k);
                if (seen.add(c)) {
                    dag.addEdge(from, "op" + c, new TensorEdge(t, c));
                }
            }
            if (graph.isGraphOutput(t)) {
                String v = "out" + t;
                dag.addVertex(v);
                vertexAttrs.put(v, endpoint(graph, t));
                dag.addEdge(from, v, new TensorEdge(t, -1));
            }
        }
        DOTExporter<String, TensorEdge> exporter = new DOTExporter<>(v -> v);
        exporter.setGraphIdProvider(() -> quoteId(graph.name()));
        exporter.setGraphAttributeProvider(() -> Map.of("rankdir", DefaultAttribute.createAttribute("TB")));
        exporter.setVertexAttributeProvider(vertexAttrs::get);
        exporter.setEdgeAttributeProvider(e -> Map.of("label", DefaultAttribute.createAttribute(
                graph.tensor(e.tensor()).name() + " (" + Sizes.format(graph.bytes(e.tensor())) + ")")));
        StringWriter out = new StringWriter();
        exporter.exportGraph(dag, out);
        return out.toString();
    }

    /** Writes the DOT text of {@code graph} to {@code file} (whole or not at all). */
    public static void write(Graph graph, Path file) {
        TextFiles.replace(file, write(graph));
    }

    private static Map<String, Attribute> endpoint(Graph graph, int tensor) {
        return Map.of("label", DefaultAttribute.createAttribute(graph.tensor(tensor).name()),
                "shape", DefaultAttribute.createAttribute("ellipse"));
    }

    /** A DOT graph id: letters, digits and underscores only (DOT ids need no quoting then). */
    private static String quoteId(String name) {
        String id = name.replaceAll("[^A-Za-z0-9_]", "_");
        return id.isEmpty() || Character.isDigit(id.charAt(0)) ? "g_" + id : id;
    }
}
