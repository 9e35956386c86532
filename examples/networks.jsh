// Networks: the layer-level DSL, the zoo and ONNX import.
// Run from the repository root after ./memsched has built the jar:
//   jshell --class-path target/memsched-all.jar examples/networks.jsh
import io.memsched.*;
import io.memsched.graph.*;

// A small network with shape inference: every layer returns a handle with the inferred shape.
var nb = new NetworkBuilder("net");
var x = nb.input("x", 3, 32, 32);
var y = nb.relu(nb.conv(x, 16, 3, 1, 1));
var s = nb.separable(y, 32, 3, 2, 1);
var z = nb.concat(nb.maxPool(y, 3, 2, 1), s);
System.out.println(z);
Graph g = nb.output(nb.dense(nb.flatten(nb.globalAvgPool(z)), 10)).build();
System.out.println(g);

// A wrong shape is refused, naming the layer.
try { nb.add(y, s); } catch (IllegalArgumentException e) { System.out.println(e.getMessage()); }

// The zoo and an ONNX file of the same network (Memsched.load reads .onnx and .json).
Graph nas = Memsched.zoo("nasnet-cifar");
Graph onnx = Memsched.load("examples/models/nasnet_cifar.onnx");
System.out.println(nas);
System.out.println(onnx);
System.out.println("same size: " + (nas.totalBytes() == onnx.totalBytes()));
System.out.println(Memsched.plan(g).method("greedy").run());
/exit
