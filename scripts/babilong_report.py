#!/usr/bin/python3
"""Writes docs/results/babilong.md from what scripts/reproduce-babilong.sh left in WORK.

    babilong_report.py WORK RUN OUT.md

Only reads files: the run's state and settings, the training table, the evaluation JSON
and, if present, WORK/remarks.md (appended as written).
"""
import datetime
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from rmt_tasks_report import load, machine, minutes  # noqa: E402

# PAPERS.md: RMT (GPT-2 137M, pre-trained, fine-tuned on qa1) on BABILong qa1.
PUBLISHED_QA1 = {"32k": 100.0, "128k": 99.1, "1M": 94.2, "10M": 76.4}


def parameters(run):
    config = load(os.path.join(run, "model", "config.json")) or {}
    d, layers, vocab, positions = (config.get(k, 0) for k in
                                   ("n_embd", "n_layer", "vocab_size", "n_positions"))
    embeddings = vocab * d + positions * d
    blocks = layers * (12 * d * d + 13 * d)
    return config, embeddings + blocks + 2 * d


def main(work, run, out):
    about = load(os.path.join(run, "run.json")) or {}
    settings = about.get("settings", {})
    rmt = load(os.path.join(run, "model", "rmt.json")) or {}
    state = load(os.path.join(run, "checkpoint", "state.json")) or {}
    results = load(os.path.join(work, "eval.json"))
    config, count = parameters(run)
    lines = ["# BABILong: decoder RMT on GPT-2, trained from scratch here", ""]
    lines += [
        "Written by `scripts/reproduce-babilong.sh` (%s, %s). Samples are made by `mnemo babilong "
        "make`'s generator: the statements of a bAbI story up to a question hidden in order at "
        "random sentence boundaries of Brown corpus noise, the question at the end; lengths are in "
        "tokens of the model's tokenizer (1k = 1,024). bAbI test splits are not available here: "
        "training draws from the first 90%% of each training file's questions, validation and this "
        "evaluation from the last 10%%, with noise from the held-out tenth of the Brown corpus. The "
        "answer is generated greedily (10 tokens at most) after `Answer:` and scored as BABILong "
        "does (lowercased, first sentence, target as a substring)." % (
            machine(), datetime.date.today().isoformat()), ""]
    lines += [
        "Model: GPT-2 geometry %d layers, d=%d, %d heads, vocabulary %d (SentencePiece on Brown), "
        "%.1fM parameters, from random initialisation; memory %s tokens, segments of %s tokens; "
        "curriculum %s segments, %s steps a stage at most, batch %s, lr %s. Training time: %s "
        "(2 CPU cores)." % (
            config.get("n_layer", 0), config.get("n_embd", 0), config.get("n_head", 0),
            config.get("vocab_size", 0), count / 1e6, rmt.get("memory_size", "?"),
            rmt.get("segment_size", "?"), ",".join(map(str, settings.get("curriculum", []))),
            settings.get("steps_per_stage", "?"), settings.get("batch_size", "?"),
            settings.get("learning_rate", "?"), minutes(state.get("seconds"))), ""]
    trained = [os.path.basename(f).split("_")[0] for f in about.get("about", {}).get("babi", [])]
    lines += ["## Training", "", "Trained on %s. Best validation accuracy of each stage (every "
              "answer token right under teacher forcing):" % (", ".join(trained) or "?"), ""]
    try:
        lines += [l.rstrip("\n") for l in open(os.path.join(work, "train.md")) if l.startswith("|")]
    except FileNotFoundError:
        lines += ["not trained yet"]
    lines += ["", "## Accuracy (%) by task and input length", ""]
    if not results:
        lines += ["not evaluated yet"]
    else:
        rows = results["results"]
        columns = []
        for row in rows:
            if row["length"] not in columns:
                columns.append(row["length"])
        tasks = []
        for row in rows:
            if row["model"] not in tasks:
                tasks.append(row["model"])
        cell = {(r["model"], r["length"]): r for r in rows}
        lines += ["| task | " + " | ".join(columns) + " |", "|---|" + "---:|" * len(columns)]
        for task in tasks:
            lines.append("| %s | " % task + " | ".join(
                "%.0f" % (100 * cell[(task, c)]["accuracy"]) if (task, c) in cell else ""
                for c in columns) + " |")
        n = rows[0]["n"]
        seconds = load(os.path.join(work, "eval-seconds"))
        lines += ["", "%d samples per cell (a 95%% interval is about +-%.0f points at 50%%). "
                  "Evaluation time: %s." % (n, 100 * 1.96 * (0.25 / n) ** 0.5, minutes(seconds))]
    lines += ["", "## Published", "",
              "RMT on GPT-2 (137M, pre-trained, then fine-tuned on qa1 with segments of 512 and "
              "a curriculum up to 32 segments), BABILong qa1: " + ", ".join(
                  "%s at %s" % (v, k) for k, v in PUBLISHED_QA1.items()) + " (PAPERS.md). "
              "The model here is 25x smaller, starts from random weights, saw inputs of at most 2 "
              "segments (224 tokens) and trained for well under an hour on 2 CPU cores: it answers "
              "above chance only at 0k, where the story alone fits 1-2 segments, and is near chance "
              "beyond. It shows the pipeline end to end, not the published level.", ""]
    try:  # remarks of whoever ran the script, e.g. pauses that inflate the times above
        lines += ["## Remarks", "", open(os.path.join(work, "remarks.md")).read().strip(), ""]
    except FileNotFoundError:
        pass
    with open(out + ".tmp", "w") as f:
        f.write("\n".join(lines))
    os.replace(out + ".tmp", out)


if __name__ == "__main__":
    main(*sys.argv[1:4])
