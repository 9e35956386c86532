#!/usr/bin/python3
"""Writes small ONNX models without value_info, one per shape rule, and the shapes ONNX's own shape inference
gives their tensors (Debian's python3-onnx 1.12: onnx.shape_inference.infer_shapes with strict_mode and data_prop).

Run from the repository root:  /usr/bin/python3 src/test/resources/onnx-shapes/generate.py [--check]
(--check writes nothing and fails when the committed expected.tsv differs from what onnx infers now; CI runs it).
Writes src/test/resources/onnx-shapes/<case>.onnx and expected.tsv (file, tensor, elem_type, dims, source), the latter
also for the ONNX "light" models in examples/models/onnx-light. Where ONNX 1.12 leaves a dimension symbolic (Slice-1,
Squeeze without axes), the case gives the shape numpy computes for the same operation (source "numpy"). OnnxShapeInferenceTest compares memsched's shape
inference against expected.tsv. Files are committed; rerun only when a case is added.
"""
import os
import sys
import tempfile

import numpy as np
import onnx
from onnx import TensorProto as T, helper as h, numpy_helper, shape_inference

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
LIGHT = os.path.join(ROOT, "examples", "models", "onnx-light")
F = T.FLOAT


def vi(name, dims, t=F):
    return h.make_tensor_value_info(name, t, dims)


def init(name, dims, dtype=np.float32, values=None):
    a = np.array(values, dtype=dtype).reshape(dims) if values is not None else np.zeros(dims, dtype=dtype)
    return numpy_helper.from_array(a, name)


def i64(name, values):
    return numpy_helper.from_array(np.array(values, dtype=np.int64), name)


def f32(name, values):
    return numpy_helper.from_array(np.array(values, dtype=np.float32), name)


def model(name, nodes, inputs, outputs, inits=(), opset=13):
    g = h.make_graph(nodes, name, inputs, outputs, initializer=list(inits))
    return h.make_model(g, opset_imports=[h.make_opsetid("", opset)], producer_name="memsched-tests")


def out(name):
    """A graph output without a type: ONNX infers it."""
    return h.make_empty_tensor_value_info(name)


N = h.make_node
CASES = {}


def case(fn):
    CASES[fn.__name__] = fn
    return fn


@case
def conv_pads():
    return model("conv_pads", [N("Conv", ["x", "w"], ["y"], pads=[1, 1, 1, 1])], [vi("x", [1, 3, 10, 10])],
                 [out("y")], [init("w", [8, 3, 3, 3])])


@case
def conv_groups_dilations_strides():
    return model("c", [N("Conv", ["x", "w", "b"], ["y"], group=2, dilations=[2, 1], strides=[2, 2],
                         pads=[1, 0, 2, 1])],
                 [vi("x", [1, 4, 11, 9])], [out("y")], [init("w", [8, 2, 3, 3]), init("b", [8])])


@case
def conv_auto_pad():
    return model("c", [N("Conv", ["x", "w"], ["su"], strides=[2, 3], auto_pad="SAME_UPPER"),
                       N("Conv", ["x", "w"], ["sl"], strides=[2, 2], auto_pad="SAME_LOWER"),
                       N("Conv", ["x", "w"], ["va"], strides=[2, 2], auto_pad="VALID")],
                 [vi("x", [1, 3, 7, 8])], [out("su"), out("sl"), out("va")], [init("w", [4, 3, 3, 2])])


@case
def conv_1d_and_kernel_attr():
    return model("c", [N("Conv", ["x", "w"], ["y"], strides=[2], kernel_shape=[4])], [vi("x", [1, 2, 9])],
                 [out("y")], [init("w", [3, 2, 4])])


@case
def conv_transpose():
    return model("ct", [N("ConvTranspose", ["x", "w"], ["a"], strides=[2, 2], pads=[1, 1, 1, 1],
                          output_padding=[1, 1]),
                        N("ConvTranspose", ["x", "wg"], ["b"], group=2, strides=[2, 2], output_shape=[11, 11]),
                        N("ConvTranspose", ["x", "w"], ["c"], strides=[3, 2], auto_pad="SAME_UPPER"),
                        N("ConvTranspose", ["x", "w"], ["d"], dilations=[2, 1])],
                 [vi("x", [1, 4, 5, 5])], [out("a"), out("b"), out("c"), out("d")],
                 [init("w", [4, 2, 3, 3]), init("wg", [4, 3, 3, 3])])


@case
def pools():
    return model("p", [N("MaxPool", ["x"], ["m", "mi"], kernel_shape=[2, 2], strides=[2, 2], pads=[1, 1, 1, 1],
                         ceil_mode=1),
                       N("AveragePool", ["x"], ["a"], kernel_shape=[3, 3], strides=[2, 2], ceil_mode=1),
                       N("AveragePool", ["x"], ["af"], kernel_shape=[3, 3], strides=[2, 2]),
                       N("MaxPool", ["x"], ["ms"], kernel_shape=[3, 3], strides=[2, 2], auto_pad="SAME_UPPER"),
                       N("MaxPool", ["x"], ["md"], kernel_shape=[2, 2], dilations=[2, 2]),
                       N("LpPool", ["x"], ["lp"], kernel_shape=[2, 3]),
                       N("GlobalAveragePool", ["x"], ["ga"]), N("GlobalMaxPool", ["x"], ["gm"])],
                 [vi("x", [1, 2, 6, 5])],
                 [out(n) for n in ["m", "mi", "a", "af", "ms", "md", "lp", "ga", "gm"]])


@case
def pool_ceil_last_window_in_padding():
    return model("p", [N("MaxPool", ["x"], ["y"], kernel_shape=[2, 2], strides=[2, 2], pads=[1, 1, 1, 1],
                         ceil_mode=1)], [vi("x", [1, 1, 5, 5])], [out("y")], opset=11)


@case
def normalizations():
    return model("n", [N("LRN", ["x"], ["l"], size=3),
                       N("BatchNormalization", ["x", "s", "b", "m", "v"], ["bn"]),
                       N("InstanceNormalization", ["x", "s", "b"], ["inorm"]),
                       N("LayerNormalization", ["x", "g", "lb"], ["ln", "mean", "inv"], axis=2),
                       N("Softmax", ["x"], ["sm"], axis=1), N("LogSoftmax", ["x"], ["lsm"])],
                 [vi("x", [1, 3, 4, 5])], [out(n) for n in ["l", "bn", "inorm", "ln", "mean", "inv", "sm", "lsm"]],
                 [init(n, [3]) for n in "sbmv"] + [init("g", [4, 5]), init("lb", [4, 5])], opset=17)


@case
def gemm_matmul():
    return model("g", [N("Gemm", ["a", "b", "c"], ["g1"], transB=1),
                       N("Gemm", ["at", "b2"], ["g2"], transA=1),
                       N("MatMul", ["p", "q"], ["mm"]), N("MatMul", ["v", "q3"], ["mv"]),
                       N("MatMul", ["q3", "v6"], ["vm"])],
                 [vi("a", [3, 5]), vi("at", [5, 3]), vi("p", [2, 1, 3, 4]), vi("q", [5, 4, 6]), vi("v", [4]),
                  vi("q3", [3, 4, 6]), vi("v6", [6])],
                 [out(n) for n in ["g1", "g2", "mm", "mv", "vm"]],
                 [init("b", [4, 5]), init("c", [4]), init("b2", [5, 7])])


@case
def concat_split():
    return model("cs", [N("Concat", ["x", "y"], ["c"], axis=-1),
                        N("Split", ["c"], ["s0", "s1", "s2"], axis=3, split=[1, 2, 4])],
                 [vi("x", [1, 2, 3, 3]), vi("y", [1, 2, 3, 4])], [out(n) for n in ["c", "s0", "s1", "s2"]],
                 opset=11)


@case
def split_input_and_equal():
    return model("s", [N("Split", ["x", "sp"], ["a", "b"], axis=1), N("Split", ["x"], ["e0", "e1", "e2"], axis=-1)],
                 [vi("x", [2, 6, 3])], [out(n) for n in ["a", "b", "e0", "e1", "e2"]], [i64("sp", [2, 4])])


@case
def reshape_flatten_transpose():
    return model("r", [N("Reshape", ["x", "s1"], ["r1"]), N("Reshape", ["x", "s2"], ["r2"]),
                       N("Flatten", ["x"], ["f1"]), N("Flatten", ["x"], ["f0"], axis=0),
                       N("Flatten", ["x"], ["f3"], axis=-1), N("Transpose", ["x"], ["t0"]),
                       N("Transpose", ["x"], ["t1"], perm=[0, 2, 3, 1])],
                 [vi("x", [2, 3, 4, 5])], [out(n) for n in ["r1", "r2", "f1", "f0", "f3", "t0", "t1"]],
                 [i64("s1", [0, -1, 5]), i64("s2", [6, -1])])


@case
def squeeze_unsqueeze_opset11():
    NUMPY["squeeze_unsqueeze_opset11"] = {"sa": (F, np.squeeze(np.zeros((3, 1, 4, 1))).shape)}
    return model("su", [N("Squeeze", ["x"], ["s"], axes=[1, -1]), N("Squeeze", ["x"], ["sa"]),
                        N("Unsqueeze", ["s"], ["u"], axes=[0, -1])],
                 [vi("x", [3, 1, 4, 1])], [out(n) for n in ["s", "sa", "u"]], opset=11)


@case
def squeeze_unsqueeze_opset13():
    return model("su", [N("Squeeze", ["x", "ax"], ["s"]), N("Unsqueeze", ["s", "ux"], ["u"])],
                 [vi("x", [3, 1, 4, 1])], [out("s"), out("u")], [i64("ax", [1]), i64("ux", [1, 4])])


NUMPY = {}


@case
def slice_opset9():
    NUMPY["slice_opset9"] = {"y": (F, np.zeros((2, 5, 6))[:, 1:1000, -3:-1].shape)}
    return model("sl", [N("Slice", ["x"], ["y"], starts=[1, -3], ends=[1000, -1], axes=[1, 2])],
                 [vi("x", [2, 5, 6])], [out("y")], opset=9)


@case
def slice_opset13():
    big = 9223372036854775807
    return model("sl", [N("Slice", ["x", "st", "en", "ax", "stp"], ["y"]),
                        N("Slice", ["x", "st2", "en2"], ["z"])],
                 [vi("x", [2, 5, 7])], [out("y"), out("z")],
                 [i64("st", [-1, 1]), i64("en", [-big, big]), i64("ax", [2, 1]), i64("stp", [-2, 2]),
                  i64("st2", [0, 1, 2]), i64("en2", [1, 4, 100])])


@case
def pad_forms():
    return model("pd", [N("Pad", ["x"], ["a"], pads=[0, 1, 2, 0, 3, -1])], [vi("x", [2, 3, 4])], [out("a")], opset=2)


@case
def pad_input():
    return model("pd", [N("Pad", ["x", "p"], ["a"], mode="reflect")], [vi("x", [1, 3, 4, 5])], [out("a")],
                 [i64("p", [0, 0, 1, 2, 0, 0, 3, 1])])


@case
def resize_scales_and_sizes():
    return model("rs", [N("Resize", ["x", "", "sc"], ["a"]), N("Resize", ["x", "roi", "", "sz"], ["b"])],
                 [vi("x", [1, 3, 5, 7])], [out("a"), out("b")],
                 [f32("sc", [1, 1, 1.5, 0.6]), f32("roi", []), i64("sz", [1, 3, 9, 4])])


@case
def resize_opset10():
    return model("rs", [N("Resize", ["x", "sc"], ["a"])], [vi("x", [1, 3, 5, 7])], [out("a")],
                 [f32("sc", [1, 1, 2, 2.5])], opset=10)


@case
def upsample_opset9():
    return model("up", [N("Upsample", ["x", "sc"], ["a"])], [vi("x", [1, 3, 5, 7])], [out("a")],
                 [f32("sc", [1, 1, 2, 3])], opset=9)


@case
def elementwise_broadcast():
    return model("ew", [N("Add", ["a", "b"], ["add"]), N("Mul", ["add", "c"], ["mul"]),
                        N("Sub", ["a", "s"], ["sub"]), N("Pow", ["a", "s"], ["pow"]),
                        N("Equal", ["a", "b"], ["eq"]), N("Where", ["eq", "a", "b"], ["wh"]),
                        N("Relu", ["mul"], ["relu"]), N("Sigmoid", ["mul"], ["sig"]),
                        N("Clip", ["mul"], ["clip"]), N("PRelu", ["a", "slope"], ["prelu"]),
                        N("Sum", ["a", "b", "c"], ["sum"]), N("Mean", ["a", "c"], ["mean"]),
                        N("Max", ["b", "c"], ["max"]), N("Min", ["a", "s"], ["min"]),
                        N("Not", ["eq"], ["not"])],
                 [vi("a", [2, 1, 4]), vi("b", [3, 1]), vi("c", [5, 1, 1, 1]), vi("s", [])],
                 [out(n) for n in ["add", "mul", "sub", "pow", "eq", "wh", "relu", "sig", "clip", "prelu", "sum",
                                   "mean", "max", "min", "not"]], [init("slope", [4])])


@case
def gather_cast_dropout():
    return model("gc", [N("Gather", ["x", "idx"], ["g1"], axis=1), N("Gather", ["x", "i0"], ["g0"]),
                        N("Cast", ["x"], ["half"], to=T.FLOAT16), N("Cast", ["x"], ["i8"], to=T.INT8),
                        N("Dropout", ["x"], ["d", "mask"]), N("Dropout", ["x"], ["d1"]),
                        N("Identity", ["x"], ["id"])],
                 [vi("x", [4, 5, 6])], [out(n) for n in ["g1", "g0", "half", "i8", "d", "mask", "d1", "id"]],
                 [i64("idx", [[0, 1, 2], [3, 4, 0]]), i64("i0", 2)])


@case
def shape_computation_folding():
    nodes = [
        N("Shape", ["x"], ["shp"]),
        N("Constant", [], ["zero"], value=i64("zero", 0)),
        N("Gather", ["shp", "zero"], ["n"]),
        N("Unsqueeze", ["n", "ax0"], ["n1"]),
        N("Constant", [], ["rest"], value=i64("rest", [-1])),
        N("Concat", ["n1", "rest"], ["target"], axis=0),
        N("Reshape", ["x", "target"], ["flat"]),
        N("Shape", ["x"], ["hw"], start=2),
        N("Constant", [], ["wshape"], value=i64("wshape", [6, 3, 3, 3])),
        N("ConstantOfShape", ["wshape"], ["w"], value=f32("v", [0.5])),
        N("Conv", ["x", "w"], ["conv"], pads=[1, 1, 1, 1]),
        N("Mul", ["w", "two"], ["w2"]),
        N("Conv", ["x", "w2"], ["conv2"]),
        N("Size", ["x"], ["size"]),
        N("Expand", ["b", "hw"], ["expanded"]),
    ]
    return model("fold", nodes, [vi("x", [2, 3, 8, 10]), vi("b", [1, 10])],
                 [out(n) for n in ["flat", "hw", "conv", "conv2", "size", "expanded"]],
                 [i64("ax0", [0]), f32("two", [2.0])], opset=15)


@case
def reductions_and_more():
    nodes = [
        N("ReduceMean", ["x"], ["rm"], axes=[1, -1], keepdims=0),
        N("ReduceSum", ["x", "rax"], ["rs"]),
        N("ReduceMax", ["x"], ["rx"]),
        N("ArgMax", ["x"], ["am"], axis=2, keepdims=0),
        N("TopK", ["x", "k"], ["tv", "ti"], axis=1),
        N("Tile", ["x", "rep"], ["tile"]),
        N("Range", ["r0", "r1", "r2"], ["range"]),
        N("DepthToSpace", ["d"], ["d2s"], blocksize=2),
        N("SpaceToDepth", ["d"], ["s2d"], blocksize=2),
        N("QuantizeLinear", ["x", "qs", "qz"], ["q"]),
        N("DequantizeLinear", ["q", "qs", "qz"], ["dq"]),
    ]
    return model("red", nodes, [vi("x", [2, 6, 4, 4]), vi("d", [1, 8, 4, 6])],
                 [out(n) for n in ["rm", "rs", "rx", "am", "tv", "ti", "tile", "range", "d2s", "s2d", "q", "dq"]],
                 [i64("rax", [0, 2]), i64("k", [3]), i64("rep", [1, 2, 1, 3]), i64("r0", 2), i64("r1", 11),
                  i64("r2", 3), f32("qs", 0.1), numpy_helper.from_array(np.array(3, dtype=np.uint8), "qz")])


def expected_rows(path):
    m = onnx.load(path)
    inferred = shape_inference.infer_shapes(m, strict_mode=True, data_prop=True)
    rows = []
    seen = set()
    g = inferred.graph
    for v in list(g.value_info) + list(g.output):
        if v.name in seen:
            continue
        seen.add(v.name)
        t = v.type.tensor_type
        if not t.HasField("shape") or not all(d.HasField("dim_value") for d in t.shape.dim):
            continue
        rows.append((v.name, t.elem_type, ",".join(str(d.dim_value) for d in t.shape.dim), "onnx"))
    return rows


def main(check):
    target = tempfile.mkdtemp() if check else HERE
    lines = ["# file\ttensor\telem_type\tdims\tsource (written by generate.py with onnx %s)" % onnx.__version__]
    for name, fn in CASES.items():
        m = fn()
        path = os.path.join(target, name + ".onnx")
        onnx.save(m, path)
        rows = expected_rows(path)
        for tensor, (elem, shape) in NUMPY.get(name, {}).items():
            assert tensor not in [r[0] for r in rows], tensor + " is inferred by onnx now"
            rows.append((tensor, elem, ",".join(str(d) for d in shape), "numpy"))
        for r in rows:
            lines.append("\t".join(["src/test/resources/onnx-shapes/" + name + ".onnx", r[0], str(r[1]), r[2],
                                    r[3]]))
    for f in sorted(os.listdir(LIGHT)):
        if f.endswith(".onnx"):
            for r in expected_rows(os.path.join(LIGHT, f)):
                lines.append("\t".join(["examples/models/onnx-light/" + f, r[0], str(r[1]), r[2], r[3]]))
    text = "\n".join(lines) + "\n"
    if check:
        with open(os.path.join(HERE, "expected.tsv")) as committed:
            if committed.read() != text:
                print("expected.tsv differs from what onnx %s infers; rerun generate.py" % onnx.__version__,
                      file=sys.stderr)
                sys.exit(1)
        print("expected.tsv agrees with onnx %s (%d tensors)" % (onnx.__version__, len(lines) - 1), file=sys.stderr)
        return
    with open(os.path.join(HERE, "expected.tsv"), "w") as out_file:
        out_file.write(text)
    print(len(lines) - 1, "tensors in", len(CASES), "cases and the light models", file=sys.stderr)


if __name__ == "__main__":
    main("--check" in sys.argv[1:])
