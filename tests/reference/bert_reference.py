"""Reference outputs for mnemo's BERT parity test, from a plain PyTorch implementation of
Hugging Face's BertModel math (Debian's python3-torch; transformers is not needed).

    /usr/bin/python3 tests/reference/bert_reference.py OUT_DIR

writes OUT_DIR/model (a random tiny BERT saved the old Hugging Face way: `bert.` prefix,
LayerNorm gamma/beta, position_ids buffer, pooler and an MLM head), OUT_DIR/model-bin (the
same weights as pytorch_model.bin, torch.save of a state dict, as older hub models come) and
OUT_DIR/expected.json (last hidden states and pooler outputs for a padded batch with token
types).
"""
import json
import math
import os
import sys

import torch

from reference_io import write_safetensors

CONFIG = dict(vocab_size=97, hidden_size=24, num_hidden_layers=2, num_attention_heads=3,
              intermediate_size=40, max_position_embeddings=32, type_vocab_size=2,
              layer_norm_eps=1e-12, hidden_act="gelu", pad_token_id=0)


def random_weights(c, generator):
    d, ff = c["hidden_size"], c["intermediate_size"]
    def rand(*shape):
        return torch.randn(*shape, generator=generator) * 0.2
    w = {
        "embeddings.word_embeddings.weight": rand(c["vocab_size"], d),
        "embeddings.position_embeddings.weight": rand(c["max_position_embeddings"], d),
        "embeddings.token_type_embeddings.weight": rand(c["type_vocab_size"], d),
        "embeddings.LayerNorm.weight": 1 + rand(d), "embeddings.LayerNorm.bias": rand(d),
        "pooler.dense.weight": rand(d, d), "pooler.dense.bias": rand(d),
    }
    for i in range(c["num_hidden_layers"]):
        p = f"encoder.layer.{i}."
        for name in ("query", "key", "value"):
            w[p + f"attention.self.{name}.weight"] = rand(d, d)
            w[p + f"attention.self.{name}.bias"] = rand(d)
        w[p + "attention.output.dense.weight"] = rand(d, d)
        w[p + "attention.output.dense.bias"] = rand(d)
        w[p + "attention.output.LayerNorm.weight"] = 1 + rand(d)
        w[p + "attention.output.LayerNorm.bias"] = rand(d)
        w[p + "intermediate.dense.weight"] = rand(ff, d)
        w[p + "intermediate.dense.bias"] = rand(ff)
        w[p + "output.dense.weight"] = rand(d, ff)
        w[p + "output.dense.bias"] = rand(d)
        w[p + "output.LayerNorm.weight"] = 1 + rand(d)
        w[p + "output.LayerNorm.bias"] = rand(d)
    return w


def bert_forward(w, c, ids, token_types, mask, inputs_embeds=None, positions=None):
    """Hugging Face BertModel: post-LayerNorm layers, erf GELU, additive float-min mask.
    `inputs_embeds` (B, T, d) replaces the word embeddings of `ids`; `positions` (B, T)
    defaults to 0..T-1."""
    d, heads = c["hidden_size"], c["num_attention_heads"]
    dh = d // heads
    eps = c["layer_norm_eps"]
    B, T = mask.shape
    def linear(x, name):
        return x @ w[name + ".weight"].T + w[name + ".bias"]
    def norm(x, name):
        return torch.nn.functional.layer_norm(x, (d,), w[name + ".weight"], w[name + ".bias"], eps)
    words = w["embeddings.word_embeddings.weight"][ids] if inputs_embeds is None else inputs_embeds
    if positions is None:
        positions = torch.arange(T)[None]
    x = (words + w["embeddings.position_embeddings.weight"][positions]
         + w["embeddings.token_type_embeddings.weight"][token_types])
    x = norm(x, "embeddings.LayerNorm")
    additive = (1.0 - mask[:, None, None, :].float()) * torch.finfo(torch.float32).min
    for i in range(c["num_hidden_layers"]):
        p = f"encoder.layer.{i}."
        def heads_of(t):
            return t.view(B, T, heads, dh).transpose(1, 2)
        q = heads_of(linear(x, p + "attention.self.query"))
        k = heads_of(linear(x, p + "attention.self.key"))
        v = heads_of(linear(x, p + "attention.self.value"))
        scores = q @ k.transpose(-1, -2) / math.sqrt(dh) + additive
        context = (scores.softmax(-1) @ v).transpose(1, 2).reshape(B, T, d)
        x = norm(x + linear(context, p + "attention.output.dense"), p + "attention.output.LayerNorm")
        inner = torch.nn.functional.gelu(linear(x, p + "intermediate.dense"))
        x = norm(x + linear(inner, p + "output.dense"), p + "output.LayerNorm")
    pooled = torch.tanh(linear(x[:, 0], "pooler.dense"))
    return x, pooled


def hf_legacy_name(name):
    name = name.replace("LayerNorm.weight", "LayerNorm.gamma").replace("LayerNorm.bias", "LayerNorm.beta")
    return "bert." + name


def main(out_dir):
    c = CONFIG
    generator = torch.Generator().manual_seed(1234)
    w = random_weights(c, generator)
    model_dir = os.path.join(out_dir, "model")
    os.makedirs(model_dir, exist_ok=True)
    stored = {hf_legacy_name(k): v for k, v in w.items()}
    stored["bert.embeddings.position_ids"] = torch.arange(c["max_position_embeddings"])[None]
    # A pre-training head the encoder must report as unused, as Hugging Face does.
    stored["cls.predictions.bias"] = torch.zeros(c["vocab_size"])
    write_safetensors(os.path.join(model_dir, "model.safetensors"), stored)
    bin_dir = os.path.join(out_dir, "model-bin")
    os.makedirs(bin_dir, exist_ok=True)
    torch.save(stored, os.path.join(bin_dir, "pytorch_model.bin"))
    for directory in (model_dir, bin_dir):
        with open(os.path.join(directory, "config.json"), "w") as f:
            json.dump(dict(c, architectures=["BertForPreTraining"], model_type="bert"), f, indent=2)

    ids = torch.tensor([[2, 45, 17, 88, 9, 3, 0, 0], [2, 5, 61, 33, 70, 12, 96, 3]])
    token_types = torch.tensor([[0, 0, 0, 1, 1, 1, 0, 0], [0, 0, 0, 0, 1, 1, 1, 1]])
    mask = torch.tensor([[1, 1, 1, 1, 1, 1, 0, 0], [1] * 8])
    with torch.no_grad():
        hidden, pooled = bert_forward(w, c, ids, token_types, mask)
    expected = {"input_ids": ids.tolist(), "token_type_ids": token_types.tolist(),
                "attention_mask": mask.tolist(), "last_hidden_state": hidden.tolist(),
                "pooler_output": pooled.tolist()}
    with open(os.path.join(out_dir, "expected.json"), "w") as f:
        json.dump(expected, f)


if __name__ == "__main__":
    main(sys.argv[1])
