"""The PyTorch-Python baseline for `mnemo bench forward`: the same BERT math (the parity
reference of tests/reference) on random weights, timed the same way. Prints the same JSON.

    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 bench/bert_forward.py --config base --tokens 512
"""
import argparse
import json
import os
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "reference"))
import bert_reference  # noqa: E402

GEOMETRIES = {
    "tiny": dict(hidden_size=64, num_hidden_layers=2, num_attention_heads=4, intermediate_size=256,
                 max_position_embeddings=64),
    "small": dict(hidden_size=256, num_hidden_layers=4, num_attention_heads=4, intermediate_size=1024,
                  max_position_embeddings=128),
    "base": dict(hidden_size=768, num_hidden_layers=12, num_attention_heads=12, intermediate_size=3072,
                 max_position_embeddings=512),
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", default="base", choices=GEOMETRIES)
    parser.add_argument("--tokens", type=int, default=512)
    parser.add_argument("--batch", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    config = dict(bert_reference.CONFIG, vocab_size=28996, **GEOMETRIES[args.config])
    weights = bert_reference.random_weights(config, torch.Generator().manual_seed(0))
    ids = torch.randint(0, config["vocab_size"], (args.batch, args.tokens))
    token_types, mask = torch.zeros_like(ids), torch.ones_like(ids)
    seconds = []
    with torch.inference_mode():
        for i in range(args.warmup + args.repeats):
            start = time.perf_counter()
            bert_reference.bert_forward(weights, config, ids, token_types, mask)
            if i >= args.warmup:
                seconds.append(time.perf_counter() - start)
    t, d, ff = args.tokens, config["hidden_size"], config["intermediate_size"]
    flops = args.batch * config["num_hidden_layers"] * (8 * t * d * d + 4 * t * t * d + 4 * t * d * ff)
    median = statistics.median(seconds)
    print(json.dumps({"config": args.config, "batch": args.batch, "tokens": args.tokens,
                      "seconds_median": median, "seconds": seconds, "gflops": flops / median / 1e9,
                      "threads": f"torch threads {torch.get_num_threads()}, "
                                 f"OMP_WAIT_POLICY={os.environ.get('OMP_WAIT_POLICY', '(unset)')}"}))


if __name__ == "__main__":
    main()
