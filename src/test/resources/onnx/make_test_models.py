#!/usr/bin/python3
"""Writes the small ONNX test models next to this script (Debian's python3-onnx 1.12; run once, files committed).

mixed.onnx          Constant nodes, a shape-computation subgraph (Shape/Gather/Unsqueeze/Concat) as an output, scalars,
                    Split with two outputs, Dropout with its mask, unnamed nodes, float16/int8 casts; shapes filled
                    by onnx.shape_inference.
no_shapes.onnx      the same graph without shape inference (intermediate tensors have no value_info).
dynamic_batch.onnx  a Relu whose input has a symbolic batch dimension 'N'.
unknown_op.onnx     a Relu then an operator no shape rule knows (FancyOp) whose output has no shape.
"""
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper, shape_inference

HERE = os.path.dirname(os.path.abspath(__file__))


def mixed():
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4, 6, 6])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 288])
    z = helper.make_tensor_value_info("z", TensorProto.INT8, [1, 4, 6, 6])
    w = numpy_helper.from_array(np.zeros((8, 4, 3, 3), dtype=np.float32), "w")
    nodes = [
        helper.make_node("Conv", ["x", "w"], ["c"], name="conv", pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["c"], ["r"]),
        helper.make_node("Split", ["r"], ["s0", "s1"], name="split", axis=1),
        helper.make_node("Dropout", ["s0"], ["d", "mask"], name="drop"),
        helper.make_node("Shape", ["s1"], ["shape"], name="shape"),
        helper.make_node("Constant", [], ["idx"], value=numpy_helper.from_array(np.array(0, dtype=np.int64))),
        helper.make_node("Gather", ["shape", "idx"], ["batch"], name="gather", axis=0),
        helper.make_node("Unsqueeze", ["batch"], ["batch1"], name="unsq", axes=[0]),
        helper.make_node("Constant", [], ["rest"], value=numpy_helper.from_array(np.array([-1], dtype=np.int64))),
        helper.make_node("Concat", ["batch1", "rest"], ["newshape"], name="cat", axis=0),
        helper.make_node("Constant", [], ["target"], value=numpy_helper.from_array(np.array([1, -1], dtype=np.int64))),
        helper.make_node("Reshape", ["s1", "target"], ["flat"], name="reshape"),
        helper.make_node("Add", ["d", "s1"], ["sum"], name="add"),
        helper.make_node("Cast", ["sum"], ["half"], to=TensorProto.FLOAT16),
        helper.make_node("Cast", ["half"], ["q"], to=TensorProto.INT8),
        helper.make_node("Flatten", ["sum"], ["y0"], name="flatten"),
        helper.make_node("Concat", ["y0", "flat"], ["y"], name="out", axis=1),
        helper.make_node("Identity", ["q"], ["z"], name="id"),
    ]
    dims = helper.make_tensor_value_info("newshape", TensorProto.INT64, [2])
    graph = helper.make_graph(nodes, "mixed", [x], [y, z, dims], initializer=[w])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 11)], producer_name="memsched-tests")


def dynamic():
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 3])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 3])
    graph = helper.make_graph([helper.make_node("Relu", ["x"], ["y"], name="relu")], "dyn", [x], [y])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 11)])


def unknown_op():
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 3])
    nodes = [helper.make_node("Relu", ["x"], ["r"], name="relu"),
             helper.make_node("FancyOp", ["r"], ["f"], name="fancy"),
             helper.make_node("Relu", ["f"], ["y"], name="relu2")]
    graph = helper.make_graph(nodes, "unknown", [x], [y])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 11)])


if __name__ == "__main__":
    m = mixed()
    onnx.checker.check_model(m)
    onnx.save(m, os.path.join(HERE, "no_shapes.onnx"))
    inferred = shape_inference.infer_shapes(m, strict_mode=True, data_prop=True)
    onnx.save(inferred, os.path.join(HERE, "mixed.onnx"))
    onnx.save(dynamic(), os.path.join(HERE, "dynamic_batch.onnx"))
    onnx.save(unknown_op(), os.path.join(HERE, "unknown_op.onnx"))
