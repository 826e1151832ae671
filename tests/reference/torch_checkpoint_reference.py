"""torch.save files for mnemo's pickle-reader tests (Debian's python3-torch).

    /usr/bin/python3 tests/reference/torch_checkpoint_reference.py OUT_DIR

writes into OUT_DIR
  state_dict.bin       an OrderedDict state dict with _metadata, as model.state_dict() gives:
                       float32, float16, int64, bool, a tensor sharing another's storage at an
                       offset, a transposed (non-contiguous) view, a 0-d and an empty tensor
  state_dict.json      the same tensors as nested lists (with dtype and shape)
  legacy.bin           the pre-1.6 format (_use_new_zipfile_serialization=False)
  module.bin           a whole nn.Linear, pickled as a class instance
  training.bin         {"model": state dict, "epoch": 3}
  hostile.bin          an object whose unpickling would call os.system(touch OUT_DIR/pwned)
"""
import collections
import json
import os
import sys

import torch


class Hostile:
    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return (os.system, ("touch " + self.path,))


def main(out_dir):
    generator = torch.Generator().manual_seed(7)
    base = torch.randn(4, 6, generator=generator)
    state = collections.OrderedDict()
    state["encoder.weight"] = base
    state["encoder.tail"] = base.view(-1)[10:16]  # shares base's storage, offset 10
    state["encoder.transposed"] = base.t()
    state["half"] = torch.randn(3, generator=generator).half()
    state["ids"] = torch.arange(5) * 1000000007
    state["flags"] = torch.tensor([True, False, True])
    state["scalar"] = torch.tensor(2.5)
    state["empty"] = torch.zeros(0, 3)
    state._metadata = collections.OrderedDict([("", {"version": 1}), ("encoder", {"version": 2})])
    torch.save(state, os.path.join(out_dir, "state_dict.bin"))
    described = {name: {"dtype": str(t.dtype).replace("torch.", ""), "shape": list(t.shape),
                        "values": t.float().tolist() if t.is_floating_point() else t.tolist()}
                 for name, t in state.items()}
    with open(os.path.join(out_dir, "state_dict.json"), "w") as f:
        json.dump({"order": list(state.keys()), "tensors": described}, f)

    plain = collections.OrderedDict(weight=torch.ones(2, 2))
    torch.save(plain, os.path.join(out_dir, "legacy.bin"), _use_new_zipfile_serialization=False)
    torch.save(torch.nn.Linear(2, 2), os.path.join(out_dir, "module.bin"))
    torch.save({"model": plain, "epoch": 3}, os.path.join(out_dir, "training.bin"))
    torch.save(collections.OrderedDict(weight=Hostile(os.path.join(out_dir, "pwned"))),
               os.path.join(out_dir, "hostile.bin"))


if __name__ == "__main__":
    main(sys.argv[1])
