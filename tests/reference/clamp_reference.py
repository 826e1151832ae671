"""Reference embeddings for mnemo's CLaMP parity test, from a plain PyTorch implementation of
the official CLaMP math (Debian's python3-torch; transformers is not needed): RoBERTa text
encoder (positions from padding_idx + 1), M3 music encoder (Linear over one-hot 64 x 98
patches, then BERT on inputs_embeds), masked average pooling, linear projections.

    /usr/bin/python3 tests/reference/clamp_reference.py OUT_DIR

writes
  OUT_DIR/bin/          config.json (the music BertConfig with max_length), text_config.json,
                        pytorch_model.bin: torch.save of an OrderedDict state dict in the
                        official layout (text_enc.*, text_proj.*, music_enc.patch_embedding.*,
                        music_enc.enc.*, music_proj.*, position_ids buffers), vocab.json and
                        merges.txt (RoBERTa's four special tokens, then the 256 byte symbols)
  OUT_DIR/safetensors/  the same with model.safetensors
  OUT_DIR/vocab1/       the same as pytorch_model.bin with the official release's music config:
                        "vocab_size": 1, so music_enc.enc.embeddings.word_embeddings.weight is
                        (1, d) (BertModel's word embeddings, which the music encoder never
                        reads: it feeds inputs_embeds)
  OUT_DIR/expected.json texts, their ids, music patch codes, and each one's embedding
                        computed alone (as the official inference does, one piece at a time)
"""
import collections
import json
import os
import shutil
import sys

import torch

from bert_reference import bert_forward, random_weights
from gpt2_reference import BYTE_CHARS
from reference_io import write_safetensors

PATCH_LENGTH, PATCH_CLASSES = 64, 98
MUSIC = dict(vocab_size=PATCH_CLASSES, hidden_size=24, num_hidden_layers=2, num_attention_heads=3,
             intermediate_size=40, max_position_embeddings=16, type_vocab_size=2,
             layer_norm_eps=1e-12, hidden_act="gelu", pad_token_id=0)
SPECIALS = ["<s>", "<pad>", "</s>", "<unk>"]
TEXT = dict(vocab_size=len(SPECIALS) + 256, hidden_size=24, num_hidden_layers=2,
            num_attention_heads=3, intermediate_size=40, max_position_embeddings=132,
            type_vocab_size=1, layer_norm_eps=1e-5, hidden_act="gelu", pad_token_id=1)
TEXTS = ["A lively jig in D major.", "x" * 200]  # the second is cut to 128 tokens


def text_ids(text):
    """<s> bytes </s> with no merges: one token per byte, cut to 128 tokens."""
    ids = [len(SPECIALS) + b for b in text.encode()][:126]
    return [0] + ids + [2]


def avg_pool(rows, mask):
    mask = mask.unsqueeze(-1).float()
    return (rows * mask).sum(1) / mask.sum(1)


def text_features(w, ids):
    ids = torch.tensor([ids])
    mask = torch.ones_like(ids)
    pad = TEXT["pad_token_id"]
    real = ids.ne(pad).long()
    positions = torch.cumsum(real, 1) * real + pad
    tw = {k[len("text_enc."):]: v for k, v in w.items() if k.startswith("text_enc.")}
    rows, _ = bert_forward(tw, TEXT, ids, torch.zeros_like(ids), mask, positions=positions)
    return avg_pool(rows, mask) @ w["text_proj.weight"].T + w["text_proj.bias"]


def music_features(w, codes):
    codes = torch.tensor([codes])  # (1, N, 64)
    one_hot = torch.nn.functional.one_hot(codes, PATCH_CLASSES).reshape(1, codes.shape[1], -1).float()
    embeds = one_hot @ w["music_enc.patch_embedding.weight"].T + w["music_enc.patch_embedding.bias"]
    mask = torch.ones(1, codes.shape[1], dtype=torch.long)
    mw = {k[len("music_enc.enc."):]: v for k, v in w.items() if k.startswith("music_enc.enc.")}
    rows, _ = bert_forward(mw, MUSIC, None, torch.zeros_like(mask), mask, inputs_embeds=embeds)
    return avg_pool(rows, mask) @ w["music_proj.weight"].T + w["music_proj.bias"]


def random_codes(generator, patches):
    """Patches like real ones: some characters, an end code, pad after it."""
    codes = []
    for _ in range(patches):
        length = int(torch.randint(1, PATCH_LENGTH + 1, (1,), generator=generator))
        row = torch.randint(1, 96, (PATCH_LENGTH,), generator=generator).tolist()
        row = row[:length] + ([97] if length < PATCH_LENGTH else []) + [0] * PATCH_LENGTH
        codes.append(row[:PATCH_LENGTH])
    return codes


def main(out_dir):
    generator = torch.Generator().manual_seed(2023)
    w = collections.OrderedDict()
    for prefix, config in (("text_enc.", TEXT), ("music_enc.enc.", MUSIC)):
        for name, value in random_weights(config, generator).items():
            w[prefix + name] = value
        w[prefix + "embeddings.position_ids"] = torch.arange(config["max_position_embeddings"])[None]
    d = MUSIC["hidden_size"]
    def rand(*shape):
        return torch.randn(*shape, generator=generator) * 0.2
    w["text_proj.weight"], w["text_proj.bias"] = rand(d, d), rand(d)
    w["music_enc.patch_embedding.weight"] = rand(d, PATCH_LENGTH * PATCH_CLASSES)
    w["music_enc.patch_embedding.bias"] = rand(d)
    w["music_proj.weight"], w["music_proj.bias"] = rand(d, d), rand(d)

    bin_dir, st_dir = os.path.join(out_dir, "bin"), os.path.join(out_dir, "safetensors")
    os.makedirs(bin_dir, exist_ok=True)
    with open(os.path.join(bin_dir, "config.json"), "w") as f:
        json.dump(dict(MUSIC, architectures=["BertModel"], model_type="bert", max_length=12), f)
    with open(os.path.join(bin_dir, "text_config.json"), "w") as f:
        json.dump(dict(TEXT, architectures=["RobertaModel"], model_type="roberta"), f)
    vocab = {token: i for i, token in enumerate(SPECIALS)}
    vocab.update({BYTE_CHARS[b]: len(SPECIALS) + b for b in range(256)})
    with open(os.path.join(bin_dir, "vocab.json"), "w") as f:
        json.dump(vocab, f)
    with open(os.path.join(bin_dir, "merges.txt"), "w") as f:
        f.write("#version: 0.2\n")
    shutil.copytree(bin_dir, st_dir)
    w._metadata = collections.OrderedDict([("", {"version": 1})])
    torch.save(w, os.path.join(bin_dir, "pytorch_model.bin"))
    write_safetensors(os.path.join(st_dir, "model.safetensors"), w)
    vocab1_dir = os.path.join(out_dir, "vocab1")
    shutil.copytree(st_dir, vocab1_dir, ignore=shutil.ignore_patterns("model.safetensors"))
    with open(os.path.join(vocab1_dir, "config.json"), "w") as f:
        json.dump(dict(MUSIC, vocab_size=1, architectures=["BertModel"], model_type="bert",
                       max_length=12), f)
    w1 = collections.OrderedDict(w)
    w1["music_enc.enc.embeddings.word_embeddings.weight"] = \
        w["music_enc.enc.embeddings.word_embeddings.weight"][:1].clone()
    w1._metadata = w._metadata
    torch.save(w1, os.path.join(vocab1_dir, "pytorch_model.bin"))

    pieces = [random_codes(generator, 5), random_codes(generator, 9)]
    with torch.no_grad():
        expected = {
            "texts": TEXTS,
            "text_ids": [text_ids(t) for t in TEXTS],
            "text_embeddings": [text_features(w, text_ids(t))[0].tolist() for t in TEXTS],
            "music_codes": pieces,
            "music_embeddings": [music_features(w, p)[0].tolist() for p in pieces],
        }
    with open(os.path.join(out_dir, "expected.json"), "w") as f:
        json.dump(expected, f)


if __name__ == "__main__":
    main(sys.argv[1])
