#!/usr/bin/python3
"""Independent counts of the TFLite models, for TfliteImporterTest: decodes each .tflite with flatc (Debian's
flatbuffers-compiler, no memsched code) into JSON and counts, for subgraph 0, the operators, the activation tensors
(non-constant tensors that an operator or the subgraph's input/output lists use), their total bytes and the peak of
the file's operator order under memsched's default memory model (README, "The memory model in five lines").

usage: /usr/bin/python3 examples/models/tflite/tflite_counts.py examples/models/tflite/*.tflite
"""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA = os.path.join(HERE, "..", "..", "..", "src", "main", "fbs", "tflite", "schema.fbs")
BITS = {"FLOAT32": 32, "FLOAT16": 16, "INT32": 32, "UINT8": 8, "INT64": 64, "BOOL": 8, "INT16": 16, "COMPLEX64": 64,
        "INT8": 8, "FLOAT64": 64, "COMPLEX128": 128, "UINT64": 64, "UINT32": 32, "UINT16": 16, "INT4": 4,
        "BFLOAT16": 16}


def decode(path, tmp):
    # flatc 2.0.8 cannot parse `(deprecated)` on an enum value or union member: drop those two attributes
    schema = os.path.join(tmp, "schema.fbs")
    with open(SCHEMA) as f, open(schema, "w") as g:
        for line in f:
            if line.startswith("  REDUCE_WINDOW = 205 (deprecated),") or \
                    line.startswith("  ReduceWindowOptions (deprecated),"):
                line = line.replace(" (deprecated)", "")
            g.write(line)
    subprocess.run(["flatc", "--json", "--strict-json", "--raw-binary", "--defaults-json", "-o", tmp, schema, "--",
                    path], check=True)
    name = os.path.splitext(os.path.basename(path))[0] + ".json"
    with open(os.path.join(tmp, name)) as f:
        return json.load(f)


def counts(model):
    sg = model["subgraphs"][0]
    tensors, buffers = sg["tensors"], model["buffers"]

    def constant(i):
        b = tensors[i].get("buffer", 0)
        return b != 0 and (len(buffers[b].get("data", [])) > 0 or buffers[b].get("offset", 0) > 1)

    def size(i):
        n = 1
        for d in tensors[i].get("shape", []):
            n *= d
        return (n * BITS[tensors[i].get("type", "FLOAT32")] + 7) // 8

    ops = sg["operators"]
    used = set(i for i in sg.get("inputs", []) + sg.get("outputs", []) if i >= 0)
    for op in ops:
        used.update(i for i in op.get("inputs", []) + op.get("outputs", []) if i >= 0)
    act = sorted(i for i in used if not constant(i))
    outputs = set(i for i in sg.get("outputs", []) if i in act)
    producer = {}
    for k, op in enumerate(ops):
        for i in op.get("outputs", []):
            if i in act:
                producer[i] = k
    last = {}
    for k, op in enumerate(ops):
        for i in op.get("inputs", []):
            if i in act:
                last[i] = k
    live = set(i for i in act if i not in producer)
    peak = sum(size(i) for i in live)
    for k, op in enumerate(ops):
        outs = [i for i in op.get("outputs", []) if i in act]
        peak = max(peak, sum(size(i) for i in live) + sum(size(i) for i in set(outs)))
        live.update(outs)
        live = set(i for i in live if i in outputs or last.get(i, -1) > k)
    return len(ops), len(act), sum(size(i) for i in act), peak


if __name__ == "__main__":
    print("model ops tensors bytes program_peak")
    with tempfile.TemporaryDirectory() as tmp:
        for path in sys.argv[1:]:
            print(os.path.splitext(os.path.basename(path))[0], *counts(decode(path, tmp)))
