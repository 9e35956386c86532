// Deploy a plan: load a TFLite model, plan it, lay its tensors out in one arena, write the model back with the
// order and TensorFlow Lite Micro's offline arena plan, reload it and check the peak and the offsets.
// Run from the repository root after ./memsched has built the jar:
//   jshell --class-path target/memsched-all.jar examples/deploy.jsh
import io.memsched.*;
import io.memsched.graph.*;
import io.memsched.memory.*;
import io.memsched.arena.*;
import io.memsched.io.tflite.TfliteWriter;
import java.nio.file.*;
import java.time.Duration;

Graph g = Memsched.load("examples/models/tflite/person_detect.tflite");
Plan p = Memsched.plan(g).method("best").run();
ArenaPlan arena = p.arena("greedy");
System.out.println(p);
System.out.println(arena);

Path out = Files.createTempDirectory("memsched").resolve("person_detect-planned.tflite");
Memsched.save(p, arena, out);
Graph back = Memsched.load(out);
Plan replay = Memsched.plan(back).method("program").run();
System.out.println("peak as planned " + p.peakBytes() + ", written model in file order " + replay.peakBytes());
if (replay.peakBytes() != p.peakBytes()) throw new IllegalStateException("the written model lost the plan's peak");

// the offsets TFLM will use, read back from the file's OfflineMemoryAllocation metadata and checked as a layout
Map<String, Long> fromFile = TfliteWriter.offlineOffsetsByTensor(out);
int[] order = new int[back.opCount()];
for (int k = 0; k < order.length; k++) order[k] = k;
ArenaProblem problem = ArenaProblem.of(back, MemoryModel.DEFAULT, order);
long[] offsets = problem.buffers().stream().mapToLong(b -> fromFile.get(b.tensors().get(0))).toArray();
ArenaPlan checked = ArenaPlan.verified("from the file", problem, offsets, 0, Duration.ZERO);
System.out.println(checked);
/exit
