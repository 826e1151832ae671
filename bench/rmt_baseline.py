"""The PyTorch-Python baseline for `mnemo rmt bench`: an encoder Recurrent Memory Transformer
with the math of mnemo's MemoryEncoder on random weights, timed the same way. Prints the same
JSON line.

    /usr/bin/python3 bench/rmt_baseline.py --config small --segments 16 --batch 1 --mode infer

Each segment is `[CLS] mem_0..mem_9 [SEP] tokens [SEP]`; the embeddings at the memory positions
are the memory rows (segment 0) or the outputs there of the previous segment. The answer is
pooler, dropout and a 6-way classifier on the last segment. `train` adds dropout, backpropagates
through every segment and takes an AdamW step. bert_reference.bert_forward (the parity
reference) takes token ids and has no dropout, so encode() below is its math with
inputs_embeds and Hugging Face's train-mode dropout; its config and weights are reused.
"""
import argparse
import json
import math
import os
import resource
import statistics
import time

# Before torch loads: worker threads that sleep instead of spinning between parallel
# regions, the faster setting on a small machine (docs/results/threads.md).
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

from bert_forward import GEOMETRIES  # noqa: E402  (this also puts tests/reference on the path)
import bert_reference  # noqa: E402

VOCAB, MEMORY, LABELS, CLS, SEP, DROPOUT = 28996, 10, 6, 101, 102, 0.1
SPECIAL = MEMORY + 3  # positions per segment that are not input tokens: [CLS], memory, 2 [SEP]


def linear(w, name, x):
    return F.linear(x, w[name + ".weight"], w[name + ".bias"])


def encode(w, c, embeds, p):
    """Hugging Face BertModel on inputs_embeds, all-ones mask, token types 0; dropout p."""
    d, heads, eps = c["hidden_size"], c["num_attention_heads"], c["layer_norm_eps"]
    B, T, _ = embeds.shape
    dh = d // heads
    def norm(x, name):
        return F.layer_norm(x, (d,), w[name + ".weight"], w[name + ".bias"], eps)
    def drop(x):
        return F.dropout(x, p, training=p > 0)
    def heads_of(t):
        return t.view(B, T, heads, dh).transpose(1, 2)
    x = (embeds + w["embeddings.position_embeddings.weight"][:T]
         + w["embeddings.token_type_embeddings.weight"][0])
    x = drop(norm(x, "embeddings.LayerNorm"))
    for i in range(c["num_hidden_layers"]):
        at = f"encoder.layer.{i}."
        q, k, v = (heads_of(linear(w, at + "attention.self." + n, x))
                   for n in ("query", "key", "value"))
        probs = drop((q @ k.transpose(-1, -2) / math.sqrt(dh)).softmax(-1))
        context = (probs @ v).transpose(1, 2).reshape(B, T, d)
        x = norm(x + drop(linear(w, at + "attention.output.dense", context)),
                 at + "attention.output.LayerNorm")
        inner = F.gelu(linear(w, at + "intermediate.dense", x))
        x = norm(x + drop(linear(w, at + "output.dense", inner)), at + "output.LayerNorm")
    return x


def rmt_logits(w, c, segments, p):
    """segments: (N, B, T) ids. Memory flows from segment to segment; logits of the last."""
    word = w["embeddings.word_embeddings.weight"]
    memory = word[VOCAB:VOCAB + MEMORY].expand(segments.shape[1], MEMORY, -1)
    for ids in segments:
        words = F.embedding(ids, word)
        hidden = encode(w, c, torch.cat([words[:, :1], memory, words[:, 1 + MEMORY:]], 1), p)
        memory = hidden[:, 1:1 + MEMORY]
    pooled = torch.tanh(linear(w, "pooler.dense", hidden[:, 0]))
    return linear(w, "classifier", F.dropout(pooled, p, training=p > 0))


def setup(config, n_segments, batch, seed, train):
    """Seeded weights (parameters, trainable in train mode), segment ids (N, B, T), labels (B)."""
    torch.manual_seed(seed)  # dropout draws
    generator = torch.Generator().manual_seed(seed)
    c = dict(bert_reference.CONFIG, vocab_size=VOCAB + MEMORY, **GEOMETRIES[config])
    w = bert_reference.random_weights(c, generator)
    w["classifier.weight"] = torch.randn(LABELS, c["hidden_size"], generator=generator) * 0.02
    w["classifier.bias"] = torch.zeros(LABELS)
    w = {name: torch.nn.Parameter(t, requires_grad=train) for name, t in w.items()}
    N, B, u = n_segments, batch, c["max_position_embeddings"] - SPECIAL
    prefix = torch.tensor([CLS, *range(VOCAB, VOCAB + MEMORY), SEP]).expand(N, B, -1)
    tokens = torch.randint(0, VOCAB, (N, B, u), generator=generator)
    segments = torch.cat([prefix, tokens, torch.full((N, B, 1), SEP)], -1)
    return w, c, segments, torch.randint(0, LABELS, (B,), generator=generator)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", default="small", choices=GEOMETRIES)
    parser.add_argument("--segments", type=int, default=16)
    parser.add_argument("--batch", type=int, default=1)
    parser.add_argument("--mode", default="infer", choices=["infer", "train"])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    train = args.mode == "train"
    w, c, segments, labels = setup(args.config, args.segments, args.batch, args.seed, train)

    if train:
        params = list(w.values())
        optimizer = torch.optim.AdamW(params, lr=1e-4, weight_decay=1e-3)
        def run():
            F.cross_entropy(rmt_logits(w, c, segments, DROPOUT), labels).backward()
            torch.nn.utils.clip_grad_value_(params, 5)
            optimizer.step()
            optimizer.zero_grad(set_to_none=True)
    else:
        def run():
            with torch.inference_mode():
                return rmt_logits(w, c, segments, 0.0)

    seconds = []
    for i in range(args.warmup + args.repeats):
        start = time.perf_counter()
        run()
        if i >= args.warmup:
            seconds.append(time.perf_counter() - start)
    median = statistics.median(seconds)
    N, B, T = segments.shape
    L, d, ff = c["num_hidden_layers"], c["hidden_size"], c["intermediate_size"]
    flops = B * N * L * (8 * T * d * d + 4 * T * T * d + 4 * T * d * ff) * (3 if train else 1)
    print(json.dumps({"impl": "pytorch-python", "config": args.config, "segments": N, "batch": B,
                      "mode": args.mode, "tokens_per_s": B * N * (T - SPECIAL) / median,
                      "seconds": median,
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "gflops": flops / median / 1e9, "threads": args.threads}))


if __name__ == "__main__":
    main()
