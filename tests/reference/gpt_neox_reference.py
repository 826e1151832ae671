#!/usr/bin/python3
"""Tiny random GPT-NeoX checkpoints in Hugging Face layout and their logits, computed by a
plain PyTorch implementation of Hugging Face's GPTNeoXForCausalLM math (fused per-head
[q|k|v], rotate-half rotary embeddings on the first rotary_pct of each head with float32
tables, parallel or sequential residual, exact GELU, untied embed_out).

    gpt_neox_reference.py OUT_DIR

OUT_DIR/parallel/ and OUT_DIR/sequential/: config.json + pytorch_model.bin (torch.save of an
OrderedDict, with the attention.bias, attention.masked_bias and rotary_emb.inv_freq buffers
older checkpoints carry); OUT_DIR/expected.json: input ids and logits of each.
"""
import json
import math
import os
import sys
from collections import OrderedDict

import torch

BASE = dict(vocab_size=53, hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
            intermediate_size=64, hidden_act="gelu", rotary_pct=0.25, rotary_emb_base=10000,
            max_position_embeddings=40, layer_norm_eps=1e-5, tie_word_embeddings=False,
            model_type="gpt_neox", architectures=["GPTNeoXForCausalLM"])


def random_weights(config, generator):
    d, ff, v = config["hidden_size"], config["intermediate_size"], config["vocab_size"]
    n = config["max_position_embeddings"]
    head = d // config["num_attention_heads"]
    dims = int(head * config["rotary_pct"])

    def rand(*shape):
        return torch.randn(*shape, generator=generator) * 0.3

    w = OrderedDict()
    w["gpt_neox.embed_in.weight"] = rand(v, d)
    for i in range(config["num_hidden_layers"]):
        p = "gpt_neox.layers.%d." % i
        for norm in ("input_layernorm", "post_attention_layernorm"):
            w[p + norm + ".weight"] = 1 + rand(d)
            w[p + norm + ".bias"] = rand(d)
        w[p + "attention.bias"] = torch.tril(torch.ones(n, n, dtype=torch.bool)).view(1, 1, n, n)
        w[p + "attention.masked_bias"] = torch.tensor(-1e9)
        w[p + "attention.rotary_emb.inv_freq"] = 1.0 / (
            config["rotary_emb_base"] ** (torch.arange(0, dims, 2).float() / dims))
        w[p + "attention.query_key_value.weight"] = rand(3 * d, d)
        w[p + "attention.query_key_value.bias"] = rand(3 * d)
        w[p + "attention.dense.weight"] = rand(d, d)
        w[p + "attention.dense.bias"] = rand(d)
        w[p + "mlp.dense_h_to_4h.weight"] = rand(ff, d)
        w[p + "mlp.dense_h_to_4h.bias"] = rand(ff)
        w[p + "mlp.dense_4h_to_h.weight"] = rand(d, ff)
        w[p + "mlp.dense_4h_to_h.bias"] = rand(d)
    w["gpt_neox.final_layer_norm.weight"] = 1 + rand(d)
    w["gpt_neox.final_layer_norm.bias"] = rand(d)
    w["embed_out.weight"] = rand(v, d)
    return w


def rotate_half(x):
    x1, x2 = x[..., : x.shape[-1] // 2], x[..., x.shape[-1] // 2:]
    return torch.cat((-x2, x1), dim=-1)


def logits(config, w, ids):
    d = config["hidden_size"]
    heads = config["num_attention_heads"]
    head = d // heads
    dims = int(head * config["rotary_pct"])
    eps = config["layer_norm_eps"]
    batch, length = ids.shape
    inv_freq = 1.0 / (config["rotary_emb_base"] ** (torch.arange(0, dims, 2).float() / dims))
    t = torch.arange(length, dtype=inv_freq.dtype)
    freqs = torch.einsum("i,j->ij", t, inv_freq)
    emb = torch.cat((freqs, freqs), dim=-1)
    cos, sin = emb.cos(), emb.sin()
    causal = torch.tril(torch.ones(length, length, dtype=torch.bool))

    def ln(x, name):
        return torch.nn.functional.layer_norm(x, (d,), w[name + ".weight"], w[name + ".bias"], eps)

    def linear(x, name):
        return torch.nn.functional.linear(x, w[name + ".weight"], w.get(name + ".bias"))

    x = w["gpt_neox.embed_in.weight"][ids]
    for i in range(config["num_hidden_layers"]):
        p = "gpt_neox.layers.%d." % i
        h = ln(x, p + "input_layernorm")
        qkv = linear(h, p + "attention.query_key_value").view(batch, length, heads, 3 * head)
        qkv = qkv.permute(0, 2, 1, 3)
        q, k, v = qkv[..., :head], qkv[..., head:2 * head], qkv[..., 2 * head:]
        q = torch.cat((q[..., :dims] * cos + rotate_half(q[..., :dims]) * sin, q[..., dims:]), -1)
        k = torch.cat((k[..., :dims] * cos + rotate_half(k[..., :dims]) * sin, k[..., dims:]), -1)
        scores = q @ k.transpose(-1, -2) / math.sqrt(head)
        scores = scores.masked_fill(~causal, torch.finfo(scores.dtype).min)
        context = torch.softmax(scores, -1) @ v
        attended = linear(context.permute(0, 2, 1, 3).reshape(batch, length, d),
                          p + "attention.dense")

        def mlp(y):
            y = ln(y, p + "post_attention_layernorm")
            return linear(torch.nn.functional.gelu(linear(y, p + "mlp.dense_h_to_4h")),
                          p + "mlp.dense_4h_to_h")

        if config["use_parallel_residual"]:
            x = x + attended + mlp(x)
        else:
            x = x + attended
            x = x + mlp(x)
    x = ln(x, "gpt_neox.final_layer_norm")
    return x @ w["embed_out.weight"].t()


def main(out):
    generator = torch.Generator().manual_seed(7)
    ids = torch.randint(0, BASE["vocab_size"], (2, 11), generator=generator)
    expected = {"input_ids": ids.tolist()}
    for name, parallel in (("parallel", True), ("sequential", False)):
        config = dict(BASE, use_parallel_residual=parallel)
        w = random_weights(config, generator)
        directory = os.path.join(out, name)
        os.makedirs(directory, exist_ok=True)
        with open(os.path.join(directory, "config.json"), "w") as f:
            json.dump(config, f)
        torch.save(w, os.path.join(directory, "pytorch_model.bin"))
        with torch.no_grad():
            expected[name] = logits(config, w, ids).tolist()
    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump(expected, f)


if __name__ == "__main__":
    main(sys.argv[1])
