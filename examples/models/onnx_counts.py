#!/usr/bin/python3
"""Independent count of ONNX activation tensors, using only the Python standard library.

Decodes the protobuf wire format of an ONNX ModelProto directly (no onnx package) and prints, per file:
operators (nodes except Constant), activation tensors (graph inputs that are not initializers, plus every
non-empty output of a non-Constant node) and their total bytes (static shape x element size). memsched's
OnnxImporterTest holds the numbers this script printed.

Usage: /usr/bin/python3 examples/models/onnx_counts.py examples/models/*.onnx
"""
import sys

ELEM_BITS = {1: 32, 2: 8, 3: 8, 4: 16, 5: 16, 6: 32, 7: 64, 9: 8, 10: 16, 11: 64, 12: 32, 13: 64,
             14: 64, 15: 128, 16: 16, 17: 8, 18: 8, 19: 8, 20: 8, 21: 4, 22: 4, 23: 4}


def varint(buf, i):
    shift = result = 0
    while True:
        b = buf[i]
        i += 1
        result |= (b & 0x7F) << shift
        if b < 0x80:
            return result, i
        shift += 7


def fields(buf):
    """Yields (field number, wire type, value) where value is an int or a bytes slice."""
    i = 0
    while i < len(buf):
        key, i = varint(buf, i)
        num, wt = key >> 3, key & 7
        if wt == 0:
            v, i = varint(buf, i)
        elif wt == 1:
            v, i = buf[i:i + 8], i + 8
        elif wt == 2:
            n, i = varint(buf, i)
            v, i = buf[i:i + n], i + n
        elif wt == 5:
            v, i = buf[i:i + 4], i + 4
        else:
            raise ValueError("unsupported wire type %d" % wt)
        yield num, wt, v


def first(buf, num):
    for n, _, v in fields(buf):
        if n == num:
            return v
    return None


def all_of(buf, num):
    return [v for n, _, v in fields(buf) if n == num]


def value_info_bytes(vi):
    """(name, bytes) of a ValueInfoProto, bytes None when no static shape."""
    name = first(vi, 1).decode()
    tp = first(vi, 2)
    tt = first(tp, 1) if tp is not None else None
    if tt is None:
        return name, None
    elem = first(tt, 1)
    shape = first(tt, 2)
    if shape is None or elem not in ELEM_BITS:
        return name, None
    elements = 1
    for dim in all_of(shape, 1):
        d = first(dim, 1)
        if d is None:
            return name, None
        elements *= d
    return name, (elements * ELEM_BITS[elem] + 7) // 8


def count(path):
    with open(path, "rb") as f:
        model = f.read()
    graph = first(model, 7)
    initializers = {first(t, 8).decode() for t in all_of(graph, 5)}
    sizes = {}
    for num in (11, 13, 12):  # input, value_info, output
        for vi in all_of(graph, num):
            name, b = value_info_bytes(vi)
            sizes.setdefault(name, b)
    tensors = [first(vi, 1).decode() for vi in all_of(graph, 11)]
    tensors = [t for t in tensors if t not in initializers]
    ops = 0
    for node in all_of(graph, 1):
        op_type = first(node, 4).decode()
        if op_type == "Constant":
            continue
        ops += 1
        tensors += [o.decode() for o in all_of(node, 2) if o]
    total = sum(sizes[t] for t in tensors)
    return ops, len(tensors), total


if __name__ == "__main__":
    for p in sys.argv[1:]:
        ops, nt, total = count(p)
        print("%s ops=%d tensors=%d bytes=%d" % (p.rsplit("/", 1)[-1], ops, nt, total))
