package io.memsched.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memsched.graph.Graph;
import io.memsched.io.GraphJson;
import org.junit.jupiter.api.Test;

class RandomDagsTest {
    @Test
    void sameSeedSameGraph() {
        for (long seed = 0; seed < 50; seed++) {
            assertEquals(GraphJson.write(RandomDags.generate(seed, 15, 0.5)),
                    GraphJson.write(RandomDags.generate(seed, 15, 0.5)));
        }
    }

    @Test
    void coversEveryFeature() {
        boolean multiIn = false, multiOut = false, multiConsumer = false, workspace = false, dangling = false,
                inplace = false, inputOutput = false, severalIn = false, severalOut = false, dupInput = false,
                noOutput = false, nonTopological = false;
        for (long seed = 0; seed < 400; seed++) {
            Graph g = RandomDags.generate(seed, 12, 0.5, RandomDags.Options.defaults().withShuffledProgramOrder(true));
            assertEquals(12, g.opCount());
            severalIn |= g.inputs().size() > 1;
            severalOut |= g.outputs().size() > 1;
            for (int i = 0; i < g.opCount(); i++) {
                var op = g.op(i);
                multiIn |= op.inputs().stream().distinct().count() > 1;
                dupInput |= op.inputs().stream().distinct().count() < op.inputs().size();
                multiOut |= op.outputs().size() > 1;
                noOutput |= op.outputs().isEmpty();
                workspace |= op.workspaceBytes() > 0;
                if (op.inplace() && op.outputs().size() == 1) {
                    inplace |= g.tensor(g.opInputs(i).get(0)).bytes() == g.tensor(g.opOutputs(i).get(0)).bytes();
                }
                for (int k = 0; k < g.predecessors(i).size(); k++) {
                    nonTopological |= g.predecessors(i).get(k) > i;
                }
            }
            for (int t = 0; t < g.tensorCount(); t++) {
                multiConsumer |= g.consumers(t).size() > 1;
                dangling |= g.consumers(t).isEmpty() && !g.isGraphOutput(t) && !g.isGraphInput(t);
                inputOutput |= g.isGraphInput(t) && g.isGraphOutput(t);
            }
        }
        assertTrue(multiIn && multiOut && multiConsumer && workspace && dangling && inplace && inputOutput
                && severalIn && severalOut && dupInput && noOutput && nonTopological);
    }
}
