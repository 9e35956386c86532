#!/usr/bin/python3
"""Second independent count with the onnx package itself (Debian python3-onnx), same definitions as onnx_counts.py.

Usage: /usr/bin/python3 examples/models/onnx_counts_onnxlib.py FILE.onnx...
"""
import sys

import onnx
from onnx import helper, mapping

BITS = {"BOOL": 8, "FLOAT16": 16, "BFLOAT16": 16, "STRING": None}


def elem_bits(elem):
    name = onnx.TensorProto.DataType.Name(elem)
    if name in BITS:
        return BITS[name]
    return mapping.TENSOR_TYPE_TO_NP_TYPE[elem].itemsize * 8


def count(path):
    g = onnx.load(path, load_external_data=False).graph
    inits = {t.name for t in g.initializer}
    info = {}
    for vi in list(g.input) + list(g.value_info) + list(g.output):
        info.setdefault(vi.name, vi)
    tensors = [vi.name for vi in g.input if vi.name not in inits]
    ops = [n for n in g.node if n.op_type != "Constant"]
    for n in ops:
        tensors += [o for o in n.output if o]
    total = 0
    for t in tensors:
        tt = info[t].type.tensor_type
        elements = 1
        for d in tt.shape.dim:
            elements *= d.dim_value
        total += (elements * elem_bits(tt.elem_type) + 7) // 8
    return len(ops), len(tensors), total


if __name__ == "__main__":
    for p in sys.argv[1:]:
        ops, nt, total = count(p)
        print("%s ops=%d tensors=%d bytes=%d" % (p.rsplit("/", 1)[-1], ops, nt, total))
