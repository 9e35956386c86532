package io.memsched.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JavadocIndexTest {
    private static Map<String, String> index;

    @BeforeAll
    static void build() throws Exception {
        index = JavadocIndex.build(Path.of("src/main/java"));
    }

    @Test
    void jshellSignaturesBecomeIndexKeys() {
        assertEquals("Memsched.plan(Graph)", JavadocIndex.key("Plan.Builder Memsched.plan(Graph graph)"));
        assertEquals("io.memsched.Memsched.compare(Graph,SchedulerOptions,List)", JavadocIndex.key(
                "io.memsched.report.Comparison io.memsched.Memsched.compare(io.memsched.graph.Graph graph, "
                        + "io.memsched.schedule.SchedulerOptions options, java.util.List<java.lang.String> methods)"));
        assertEquals("Plan.compare(String[])", JavadocIndex.key("Comparison Plan.compare(String... methods)"));
        assertEquals("x.Y.m(Map,int[])",
                JavadocIndex.key("<T> T x.Y.m(java.util.Map<K, java.util.List<V>> m, int[] a)"));
        assertEquals("io.memsched.Plan", JavadocIndex.key("io.memsched.Plan"));
        assertEquals("Plan.Builder.run()", JavadocIndex.withoutPackage("io.memsched.Plan.Builder.run()"));
    }

    @Test
    void theIndexHoldsFirstSentencesAsPlainText() {
        assertEquals("Starts a plan of graph: set passes, method and limits on the builder, then run().",
                index.get("io.memsched.Memsched.plan(Graph)"));
        assertEquals("The passes to apply before scheduling, in order (replacing any set before).",
                index.get("io.memsched.Plan.Builder.passes(Pass[])"));
        assertEquals("A listener that ignores everything.", index.get("io.memsched.run.ProgressListener.NONE"));
    }
}
