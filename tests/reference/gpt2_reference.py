"""Reference outputs for mnemo's GPT-2 and byte-level BPE tests, from plain Python: GPT-2's
math as Hugging Face's GPT2LMHeadModel computes it (Debian's python3-torch), and OpenAI's
encoder.py algorithm with the `regex` module (Debian's python3-regex). Transformers is not
needed.

    /usr/bin/python3 tests/reference/gpt2_reference.py OUT_DIR

writes
  OUT_DIR/model          a random tiny GPT-2 saved as the original checkpoints are: bare
                         GPT2Model keys (`h.0.attn.c_attn.weight`), the `attn.bias` mask
                         buffers, a tied `lm_head.weight`
  OUT_DIR/tokenizer      vocab.json + merges.txt: the 256 byte symbols, merges learned here on
                         a small text, and <|endoftext|>
  OUT_DIR/expected.json  logits for a batch with padding, a greedy continuation, and the
                         pieces and ids of tricky strings
"""
import collections
import json
import math
import os
import sys

import regex
import torch

from reference_io import write_safetensors

CONFIG = dict(vocab_size=101, n_positions=32, n_embd=24, n_layer=2, n_head=3, n_inner=None,
              activation_function="gelu_new", layer_norm_epsilon=1e-5)

PATTERN = regex.compile(r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+""")
END_OF_TEXT = "<|endoftext|>"

TRAINING_TEXT = """The cat sat on the mat. The dog didn't sit; it's standing there, isn't it?
Mary went to the kitchen.  John moved to the garden.\tDaniel journeyed to the office.
Numbers like 2023, 1,000,000 and 3.14159 appear; so do naïve café résumé and Ж Жук.
"""

CASES = [
    "Hello world",
    "The cat sat on the mat.",
    "I'm sure it's what we'll do, they'd said; 'Sup? He's OK'S",
    "  leading spaces and trailing spaces   ",
    "line one\nline two\n\n  indented\tand\ttabs \t mixed",
    "numbers 2023 and 1,000,000 and ² and ٣ and Ⅻ",
    "naïve café résumé Жук 中文字 😀 emoji!!",
    "non\u00a0breaking and \u3000ideographic\u2009thin spaces",
    "control \x1c\x1d\x1e\x1f separators",
    "before<|endoftext|>after <|endoftext|> end",
    "punctuation... ?!? --- (((brackets))) 'quotes' \"double\"",
    "",
    " ",
    "\n\n",
]


def bytes_to_unicode():
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(0xA1, 0xAD)) + list(range(0xAE, 0x100))
    table, extra = {}, 0
    for b in range(256):
        if b in printable:
            table[b] = chr(b)
        else:
            table[b] = chr(256 + extra)
            extra += 1
    return table


BYTE_CHARS = bytes_to_unicode()


def spelled(piece):
    return "".join(BYTE_CHARS[b] for b in piece.encode("utf-8"))


def learn_merges(text, count):
    """Plain BPE training: repeatedly merge the most frequent adjacent pair (ties: smallest)."""
    words = collections.Counter(tuple(spelled(p)) for p in PATTERN.findall(text))
    merges = []
    for _ in range(count):
        pairs = collections.Counter()
        for word, n in words.items():
            for pair in zip(word, word[1:]):
                pairs[pair] += n
        if not pairs:
            break
        best = min(pairs, key=lambda p: (-pairs[p], p))
        merges.append(best)
        merged = collections.Counter()
        for word, n in words.items():
            out, i = [], 0
            while i < len(word):
                if i + 1 < len(word) and (word[i], word[i + 1]) == best:
                    out.append(word[i] + word[i + 1])
                    i += 2
                else:
                    out.append(word[i])
                    i += 1
            merged[tuple(out)] += n
        words = merged
    return merges


def bpe(token, ranks):
    """OpenAI encoder.py's Encoder.bpe."""
    word = tuple(token)
    while len(word) > 1:
        pairs = set(zip(word, word[1:]))
        bigram = min(pairs, key=lambda pair: ranks.get(pair, float("inf")))
        if bigram not in ranks:
            break
        first, second = bigram
        new_word, i = [], 0
        while i < len(word):
            try:
                j = word.index(first, i)
            except ValueError:
                new_word.extend(word[i:])
                break
            new_word.extend(word[i:j])
            i = j
            if word[i] == first and i < len(word) - 1 and word[i + 1] == second:
                new_word.append(first + second)
                i += 2
            else:
                new_word.append(word[i])
                i += 1
        word = tuple(new_word)
    return list(word)


def tokenize(text, ranks):
    """GPT2Tokenizer: <|endoftext|> split out first, then regex pieces, then BPE."""
    pieces = []
    for i, part in enumerate(text.split(END_OF_TEXT)):
        if i > 0:
            pieces.append(END_OF_TEXT)
        for word in PATTERN.findall(part):
            pieces.extend(bpe(spelled(word), ranks))
    return pieces


def random_weights(c, generator):
    d, ff = c["n_embd"], c["n_inner"] or 4 * c["n_embd"]
    def rand(*shape):
        return torch.randn(*shape, generator=generator) * 0.2
    w = {"wte.weight": rand(c["vocab_size"], d), "wpe.weight": rand(c["n_positions"], d),
         "ln_f.weight": 1 + rand(d), "ln_f.bias": rand(d)}
    for i in range(c["n_layer"]):
        p = f"h.{i}."
        w.update({p + "ln_1.weight": 1 + rand(d), p + "ln_1.bias": rand(d),
                  p + "attn.c_attn.weight": rand(d, 3 * d), p + "attn.c_attn.bias": rand(3 * d),
                  p + "attn.c_proj.weight": rand(d, d), p + "attn.c_proj.bias": rand(d),
                  p + "ln_2.weight": 1 + rand(d), p + "ln_2.bias": rand(d),
                  p + "mlp.c_fc.weight": rand(d, ff), p + "mlp.c_fc.bias": rand(ff),
                  p + "mlp.c_proj.weight": rand(ff, d), p + "mlp.c_proj.bias": rand(d)})
    return w


def gelu_new(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))


def gpt2_logits(w, c, ids, mask):
    """GPT2LMHeadModel: pre-LayerNorm blocks, Conv1D (x @ W + b), causal mask by torch.where
    with float-min, additive padding mask, tanh GELU, lm_head = wte."""
    d, heads, eps = c["n_embd"], c["n_head"], c["layer_norm_epsilon"]
    dh = d // heads
    B, T = ids.shape
    minimum = torch.finfo(torch.float32).min
    causal = torch.tril(torch.ones(T, T, dtype=torch.bool))[None, None]
    padding = (1.0 - mask[:, None, None, :].float()) * minimum
    def conv(x, name):
        return x @ w[name + ".weight"] + w[name + ".bias"]
    def norm(x, name):
        return torch.nn.functional.layer_norm(x, (d,), w[name + ".weight"], w[name + ".bias"], eps)
    def heads_of(t):
        return t.view(B, T, heads, dh).transpose(1, 2)
    x = w["wte.weight"][ids] + w["wpe.weight"][torch.arange(T)][None]
    for i in range(c["n_layer"]):
        p = f"h.{i}."
        q, k, v = conv(norm(x, p + "ln_1"), p + "attn.c_attn").split(d, dim=2)
        q, k, v = heads_of(q), heads_of(k), heads_of(v)
        scores = q @ k.transpose(-1, -2) / torch.full([], dh ** 0.5)
        scores = torch.where(causal, scores, torch.tensor(minimum)) + padding
        context = (scores.softmax(-1) @ v).transpose(1, 2).reshape(B, T, d)
        x = x + conv(context, p + "attn.c_proj")
        x = x + conv(gelu_new(conv(norm(x, p + "ln_2"), p + "mlp.c_fc")), p + "mlp.c_proj")
    return norm(x, "ln_f") @ w["wte.weight"].T


def main(out_dir):
    c = CONFIG
    generator = torch.Generator().manual_seed(4321)
    w = random_weights(c, generator)
    model_dir = os.path.join(out_dir, "model")
    os.makedirs(model_dir, exist_ok=True)
    stored = dict(w)
    for i in range(c["n_layer"]):
        mask = torch.tril(torch.ones(c["n_positions"], c["n_positions"]))
        stored[f"h.{i}.attn.bias"] = mask.view(1, 1, c["n_positions"], c["n_positions"])
    stored["lm_head.weight"] = w["wte.weight"]
    write_safetensors(os.path.join(model_dir, "model.safetensors"), stored)
    with open(os.path.join(model_dir, "config.json"), "w") as f:
        json.dump(dict(c, architectures=["GPT2LMHeadModel"], model_type="gpt2", n_ctx=c["n_positions"],
                       bos_token_id=c["vocab_size"] - 1, eos_token_id=c["vocab_size"] - 1), f, indent=2)

    ids = torch.tensor([[0, 0, 17, 88, 9, 42, 3], [5, 61, 33, 70, 12, 96, 100]])
    mask = torch.tensor([[0, 0, 1, 1, 1, 1, 1], [1] * 7])
    prompt = [7, 31, 64, 2]
    with torch.no_grad():
        logits = gpt2_logits(w, c, ids, mask)
        greedy = list(prompt)
        for _ in range(12):
            row = torch.tensor([greedy])
            greedy.append(int(gpt2_logits(w, c, row, torch.ones_like(row))[0, -1].argmax()))

    tokenizer_dir = os.path.join(out_dir, "tokenizer")
    os.makedirs(tokenizer_dir, exist_ok=True)
    merges = learn_merges(TRAINING_TEXT, 120)
    ranks = {pair: rank for rank, pair in enumerate(merges)}
    vocab = {BYTE_CHARS[b]: i for i, b in enumerate(sorted(BYTE_CHARS))}
    for first, second in merges:
        vocab.setdefault(first + second, len(vocab))
    vocab[END_OF_TEXT] = len(vocab)
    with open(os.path.join(tokenizer_dir, "vocab.json"), "w", encoding="utf-8") as f:
        json.dump(vocab, f, ensure_ascii=False)
    with open(os.path.join(tokenizer_dir, "merges.txt"), "w", encoding="utf-8") as f:
        f.write("#version: 0.2\n" + "".join(f"{a} {b}\n" for a, b in merges))
    tokenization = []
    for text in CASES:
        pieces = tokenize(text, ranks)
        tokenization.append({"text": text, "regex_pieces": PATTERN.findall(text), "pieces": pieces,
                             "ids": [vocab[p] for p in pieces]})

    expected = {"input_ids": ids.tolist(), "attention_mask": mask.tolist(), "logits": logits.tolist(),
                "prompt": prompt, "greedy": greedy, "tokenization": tokenization}
    with open(os.path.join(out_dir, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
