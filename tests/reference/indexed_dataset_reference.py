#!/usr/bin/python3
"""Writes Megatron indexed datasets the way Megatron's MMapIndexedDataset writer lays them
out (numpy arrays, struct header), for the C++ reader to read back.

    indexed_dataset_reference.py OUT_DIR

OUT_DIR/pythia-like.{idx,bin}: uint16 tokens, 3 sequences, documents spanning 2 + 1 of them;
OUT_DIR/int32.{idx,bin}: int32 tokens with ids past 65535;
OUT_DIR/float.{idx,bin}: dtype code 6 (floats, not tokens);
OUT_DIR/expected.json: the sequences of each.
"""
import json
import os
import struct
import sys

import numpy as np

CODES = {np.uint16: 8, np.int32: 4, np.float64: 6}


def write(prefix, sequences, dtype, document_starts):
    arrays = [np.array(s, dtype=dtype) for s in sequences]
    with open(prefix + ".bin", "wb") as data:
        for array in arrays:
            data.write(array.tobytes(order="C"))
    sizes = np.array([len(a) for a in arrays], dtype=np.int32)
    pointers = np.zeros(len(arrays), dtype=np.int64)
    if len(arrays) > 1:
        pointers[1:] = np.cumsum(sizes[:-1].astype(np.int64) * np.dtype(dtype).itemsize)
    documents = np.array(document_starts, dtype=np.int64)
    with open(prefix + ".idx", "wb") as index:
        index.write(b"MMIDIDX\x00\x00")
        index.write(struct.pack("<Q", 1))
        index.write(struct.pack("<B", CODES[dtype]))
        index.write(struct.pack("<Q", len(arrays)))
        index.write(struct.pack("<Q", len(documents)))
        index.write(sizes.tobytes(order="C"))
        index.write(pointers.tobytes(order="C"))
        index.write(documents.tobytes(order="C"))


def main(out):
    uint16 = [[0, 1, 2, 3, 65535], [7] * 9, [50000, 4]]
    int32 = [[70000, 1, 2], [3, 100000]]
    write(os.path.join(out, "pythia-like"), uint16, np.uint16, [0, 2, 3])
    write(os.path.join(out, "int32"), int32, np.int32, [0, 1, 2])
    write(os.path.join(out, "float"), [[0.5, 1.5]], np.float64, [0, 1])
    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump({"pythia-like": uint16, "int32": int32}, f)


if __name__ == "__main__":
    main(sys.argv[1])
