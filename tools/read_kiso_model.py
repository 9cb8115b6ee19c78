#!/usr/bin/env python3
"""Reads a Kiso model file without Kiso and without the safetensors package, and runs the model.

The proof that a Kiso file is an ordinary safetensors file: this script checks every rule of the
format itself (standard library + numpy only), rebuilds the forward pass in numpy from the
architecture stored in the header's __metadata__, and prints the predictions for the given inputs.

usage:
  python3 tools/read_kiso_model.py MODEL.safetensors                      # check the file, print the model
  python3 tools/read_kiso_model.py MODEL.safetensors INPUTS.npy           # ... and predict
  python3 tools/read_kiso_model.py MODEL.safetensors INPUTS.f32 --shape 5,1,28,28 \\
          --expect OUTPUTS.f32 [--tolerance 1e-4]                          # ... and compare with Kiso

INPUTS and --expect are .npy files or raw little-endian float32 (then --shape gives the input
shape; the expected outputs are read as [N, classes]). Exit status: 0 when everything checks out,
1 when the outputs differ from --expect by more than the tolerance, 2 for a bad file.

Supported layers: Sequential, Affine, Conv2D, MaxPool2D, AvgPool2D, GlobalAvgPool2D, Flatten,
ReLU, LeakyReLU, Sigmoid, Tanh, Softmax, Dropout (identity), BatchNorm and LayerNorm (evaluation
mode) and Residual.
"""
import argparse
import json
import struct
import sys

import numpy as np

MAX_HEADER = 100_000_000


class BadFile(Exception):
    pass


# ---------------------------------------------------------------------------------------- safetensors

def read_safetensors(path):
    """Returns (metadata, {name: float32 array}) after checking every rule of the format."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 8:
        raise BadFile(f"{path}: {len(data)} bytes, too short for the 8-byte header length")
    (n,) = struct.unpack("<Q", data[:8])
    if n > MAX_HEADER:
        raise BadFile(f"{path}: header length {n} is above {MAX_HEADER}")
    if 8 + n > len(data):
        raise BadFile(f"{path}: header length {n} runs past the end of the file ({len(data)} bytes)")
    if (8 + n) % 8 != 0:
        raise BadFile(f"{path}: the data section starts at byte {8 + n}, not a multiple of 8 (header not padded)")
    raw = data[8:8 + n]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BadFile(f"{path}: the header is not UTF-8")
    if not text.startswith("{"):
        raise BadFile(f"{path}: the header does not start with '{{'")
    if text.rstrip(" ") != text.rstrip():
        raise BadFile(f"{path}: the header is padded with something other than spaces")

    def no_duplicates(pairs):
        keys = [k for k, _ in pairs]
        if len(keys) != len(set(keys)):
            raise BadFile(f"{path}: duplicate key in the header")
        return dict(pairs)

    header = json.loads(text, object_pairs_hook=no_duplicates)
    metadata = header.pop("__metadata__", {})
    if not isinstance(metadata, dict) or not all(isinstance(v, str) for v in metadata.values()):
        raise BadFile(f"{path}: __metadata__ must map strings to strings")
    body = data[8 + n:]
    spans = []
    for name, entry in header.items():
        if set(entry) != {"dtype", "shape", "data_offsets"}:
            raise BadFile(f"{path}: tensor {name!r} has fields {sorted(entry)}")
        if entry["dtype"] != "F32":
            raise BadFile(f"{path}: tensor {name!r} has dtype {entry['dtype']}, expected F32")
        shape = entry["shape"]
        if not all(isinstance(d, int) and d >= 0 for d in shape):
            raise BadFile(f"{path}: tensor {name!r} has shape {shape}")
        begin, end = entry["data_offsets"]
        if end - begin != 4 * int(np.prod(shape, dtype=np.int64)):
            raise BadFile(f"{path}: tensor {name!r} spans {end - begin} bytes, shape {shape} needs "
                          f"{4 * int(np.prod(shape))}")
        spans.append((begin, end, name, shape))
    spans.sort()
    position = 0
    tensors = {}
    for begin, end, name, shape in spans:
        if begin != position:
            raise BadFile(f"{path}: tensor {name!r} starts at {begin}, expected {position} (gap or overlap)")
        if end > len(body):
            raise BadFile(f"{path}: tensor {name!r} ends at byte {end}, past the end of the {len(body)}-byte "
                          f"data section (truncated file?)")
        position = end
        tensors[name] = np.frombuffer(body, dtype="<f4", count=(end - begin) // 4, offset=begin).reshape(shape)
    if position != len(body):
        raise BadFile(f"{path}: the tensors cover {position} bytes of a {len(body)}-byte data section")
    return metadata, tensors


# ---------------------------------------------------------------------------------------- architecture

def parse_spec(text):
    """Parses Kiso's LayerSpec text: Type(k=v, k=v,\\n  (0): Child(...)\\n) -> (type, args, children)."""
    spec, rest = _spec(text.strip())
    if rest.strip():
        raise BadFile(f"unexpected text after the architecture: {rest[:20]!r}")
    return spec


def _spec(s):
    open_at = s.index("(")
    kind, s = s[:open_at], s[open_at + 1:]
    args, children = {}, []
    while True:
        s = s.lstrip(" ,")
        if s.startswith(")"):
            return (kind, args, children), s[1:]
        if s.startswith("\n"):
            s = s.lstrip()
            if s.startswith(")"):
                return (kind, args, children), s[1:]
            index, s = s[1:].split("): ", 1)
            assert int(index) == len(children), f"child {index} out of order"
            child, s = _spec(s)
            children.append(child)
            continue
        key, s = s.split("=", 1)
        depth, i = 0, 0
        while depth > 0 or s[i] not in ",)":
            depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(s[i], 0)
            i += 1
        args[key], s = s[:i], s[i:]


def pair(text):
    """'3' -> (3, 3); '3x1' -> (3, 1)."""
    parts = [int(p) for p in text.split("x")]
    return (parts[0], parts[-1])


# ---------------------------------------------------------------------------------------- forward pass

def windows(x, kh, kw, sh, sw):
    """x [N, C, H, W] padded -> yields (i, j, view [N, C, OH, OW]) for every kernel tap."""
    n, c, h, w = x.shape
    oh, ow = (h - kh) // sh + 1, (w - kw) // sw + 1
    for i in range(kh):
        for j in range(kw):
            yield i, j, x[:, :, i:i + sh * (oh - 1) + 1:sh, j:j + sw * (ow - 1) + 1:sw]


def pad(x, ph, pw, value=0.0):
    return np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)), constant_values=value)


def forward(spec, state, prefix, x):
    kind, args, children = spec
    p = lambda name: state[prefix + name].astype(np.float64)
    if kind == "Sequential":
        for i, child in enumerate(children):
            x = forward(child, state, f"{prefix}{i}.", x)
        return x
    if kind == "Residual":
        y = forward(children[0], state, prefix + "block.", x)
        s = forward(children[1], state, prefix + "shortcut.", x) if len(children) > 1 else x
        return y + s
    if kind == "Affine":                       # weight stored as torch's [out, in]
        return x.reshape(x.shape[0], -1) @ p("weight").T + p("bias")
    if kind == "Conv2D":
        W = p("weight")
        (kh, kw), (sh, sw), (ph, pw) = pair(args["kernel"]), pair(args["stride"]), pair(args["padding"])
        y = 0.0
        for i, j, view in windows(pad(x, ph, pw), kh, kw, sh, sw):
            y = y + np.einsum("nchw,fc->nfhw", view, W[:, :, i, j])
        if args.get("bias", "true") == "true":
            y = y + p("bias")[None, :, None, None]
        return y
    if kind in ("MaxPool2D", "AvgPool2D"):
        k, s, pd = int(args["kernel"]), int(args["stride"]), int(args["padding"])
        if kind == "MaxPool2D":
            return np.max([v for _, _, v in windows(pad(x, pd, pd, -np.inf), k, k, s, s)], axis=0)
        total = sum(v for _, _, v in windows(pad(x, pd, pd), k, k, s, s))
        return total / (k * k)                 # padding counts in the divisor (torch's count_include_pad)
    if kind == "GlobalAvgPool2D":
        return x.mean(axis=(2, 3))
    if kind == "Flatten":
        return x.reshape(x.shape[0], -1)
    if kind == "ReLU":
        return np.maximum(x, 0)
    if kind == "LeakyReLU":
        return np.where(x > 0, x, float(args["slope"]) * x)
    if kind == "Sigmoid":
        return 1 / (1 + np.exp(-x))
    if kind == "Tanh":
        return np.tanh(x)
    if kind == "Softmax":
        e = np.exp(x - x.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)
    if kind == "Dropout":                      # inverted dropout: the identity at evaluation
        return x
    if kind == "BatchNorm":                    # evaluation mode: the running statistics
        shape = (1, -1) + (1,) * (x.ndim - 2)
        scale = p("weight") / np.sqrt(p("running_var") + float(args["eps"]))
        return (x - p("running_mean").reshape(shape)) * scale.reshape(shape) + p("bias").reshape(shape)
    if kind == "LayerNorm":
        axes = tuple(range(x.ndim - len(args["normalizedShape"].split("x")), x.ndim))
        mean, var = x.mean(axis=axes, keepdims=True), x.var(axis=axes, keepdims=True)
        return (x - mean) / np.sqrt(var + float(args["eps"])) * p("weight") + p("bias")
    raise BadFile(f"layer type {kind} is not supported by this reader")


# ---------------------------------------------------------------------------------------- main

def load_array(path, shape):
    if path.endswith(".npy"):
        return np.load(path).astype(np.float64)
    values = np.fromfile(path, dtype="<f4").astype(np.float64)
    return values.reshape(shape)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("model")
    ap.add_argument("inputs", nargs="?")
    ap.add_argument("--shape", help="input shape for raw float32 inputs, e.g. 5,1,28,28")
    ap.add_argument("--expect", help="Kiso's outputs (logits) to compare with, .npy or raw float32")
    ap.add_argument("--tolerance", type=float, default=1e-4)
    a = ap.parse_args(argv)
    try:
        metadata, state = read_safetensors(a.model)
        if "kiso_architecture" not in metadata:
            raise BadFile(f"{a.model}: no kiso_architecture in __metadata__: not a Kiso model")
        spec = parse_spec(metadata["kiso_architecture"])
        print(f"{a.model}: valid safetensors, {len(state)} float32 tensors, "
              f"{sum(t.size for t in state.values())} values, kiso {metadata.get('kiso_version')}")
        if a.inputs is None:
            print(metadata["kiso_architecture"])
            return 0
        shape = tuple(int(d) for d in a.shape.split(",")) if a.shape else None
        x = load_array(a.inputs, shape)
        y = forward(spec, state, "", x)
    except (BadFile, ValueError, KeyError, AssertionError) as e:
        print(f"read_kiso_model: {e}", file=sys.stderr)
        return 2
    e = np.exp(y - y.max(axis=1, keepdims=True))
    probabilities = e / e.sum(axis=1, keepdims=True)
    for i, row in enumerate(probabilities):
        top = np.argsort(-row)[:3]
        print(f"sample {i}: class {top[0]}  (" + ", ".join(f"{c}: {row[c]:.4f}" for c in top) + ")")
    if a.expect:
        expected = load_array(a.expect, y.shape)
        difference = float(np.max(np.abs(expected - y))) if y.size else 0.0
        same = difference <= a.tolerance
        print(f"max |numpy - kiso| = {difference:.3g} over {y.size} outputs: "
              + ("MATCH" if same else f"MISMATCH (tolerance {a.tolerance})"))
        return 0 if same else 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
