package io.memsched.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.Memsched;
import io.memsched.graph.BadInputException;
import io.memsched.graph.Graph;
import io.memsched.zoo.Zoo;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jgrapht.graph.DirectedPseudograph;
import org.jgrapht.nio.Attribute;
import org.jgrapht.nio.dot.DOTImporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Assertions;

/** DOT export: read back by JGraphT's DOT importer, the drawing has the graph's operators and tensor edges. */
class GraphDotTest {
    @TempDir
    Path dir;

    private record Read(DirectedPseudograph<String, Object> dag, Map<String, Map<String, Attribute>> attrs) {
    }

    private static Read read(String dot) {
        DirectedPseudograph<String, Object> dag = new DirectedPseudograph<>(null, Object::new, false);
        Map<String, Map<String, Attribute>> attrs = new HashMap<>();
        DOTImporter<String, Object> importer = new DOTImporter<>();
        importer.setVertexFactory(id -> id);
        importer.addVertexAttributeConsumer((p, a) -> attrs.computeIfAbsent(p.getFirst(), k -> new HashMap<>())
                .put(p.getSecond(), a));
        // JGraphT's DOT grammar takes no escapes in strings but \"; Graphviz's line break \n becomes a space
        importer.importGraph(dag, new StringReader(dot.replace("\\n", " ")));
        return new Read(dag, attrs);
    }

    @Test
    void everyOperatorAndTensorEdgeIsDrawn() {
        for (String name : new String[] {"tiny", "diamond", "toy-cell", "darts-cifar"}) {
            Graph g = Zoo.get(name);
            Read r = read(GraphDot.write(g));
            int edges = 0;
            for (int t = 0; t < g.tensorCount(); t++) {
                Set<Integer> distinct = new HashSet<>();
                for (int k = 0; k < g.consumers(t).size(); k++) {
                    distinct.add(g.consumers(t).get(k));
                }
                edges += distinct.size() + (g.isGraphOutput(t) ? 1 : 0);
            }
            assertEquals(g.opCount() + g.inputIndices().size() + g.outputIndices().size(), r.dag().vertexSet().size(),
                    name);
            assertEquals(edges, r.dag().edgeSet().size(), name);
            for (int i = 0; i < g.opCount(); i++) {
                String label = r.attrs().get("op" + i).get("label").getValue();
                assertTrue(label.startsWith(g.op(i).name()) && label.endsWith(g.op(i).type()), label);
                for (int k = 0; k < g.predecessors(i).size(); k++) {
                    assertTrue(r.dag().containsEdge("op" + g.predecessors(i).get(k), "op" + i), name + " op " + i);
                }
            }
        }
    }

    @Test
    void saveWritesDotByExtensionAndRefusesUnknownOnes() throws Exception {
        Graph g = Zoo.get("tiny");
        Path dot = dir.resolve("q.dot");
        Memsched.save(g, dot);
        String text = Files.readString(dot);
        assertTrue(text.startsWith("digraph tiny {"), text);
        assertFalse(read(text).dag().vertexSet().isEmpty());
        Path bad = dir.resolve("q.xyz");
        Assertions.assertThrows(BadInputException.class, () -> Memsched.save(g, bad));
        assertFalse(Files.exists(bad));
    }
}
