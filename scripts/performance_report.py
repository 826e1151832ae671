#!/usr/bin/python3
"""Writes docs/results/performance.md from the raw lines scripts/bench-rmt.sh collected.

    performance_report.py RAW OUT.md

RAW holds `tag<TAB>round<TAB>json` lines; tag is meta (the command), case (mnemo or the
PyTorch-Python baseline on one case), sgemm (mnemo bench sgemm), scaling (mnemo alone)
or bptt (mnemo alone, training memory by BPTT strategy).
"""
import datetime
import json
import statistics
import subprocess
import sys

# mnemo tokens/s over the PyTorch-Python baseline's, per (mode, config, batch, segments).
TARGETS = {("infer", "small", 1, 16): 1.3, ("infer", "base", 1, 4): 1.15,
           ("train", "small", 8, 4): 1.1}
SGEMM_TARGET = 0.75  # BERT-base inference GFLOP/s as a share of the machine's sgemm GFLOP/s
IMPLS = ["mnemo", "pytorch-python"]


def machine():
    lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
    model = next((line.split(":", 1)[1].strip() for line in lscpu.splitlines()
                  if line.startswith("Model name:")), "unknown CPU")
    cores = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    return f"{model}, {cores} cores"


def key(run):
    return run["mode"], run["config"], run["batch"], run["segments"]


def row(*cells):
    return "| " + " | ".join(map(str, cells)) + " |"


def main(raw_path, out_path):
    meta, cases, sgemm, scaling, bptt = {}, {}, [], [], []
    with open(raw_path) as f:
        for line in f:
            tag, _, text = line.rstrip("\n").split("\t", 2)
            record = json.loads(text)
            if tag == "meta":
                meta = record
            elif tag == "case":  # rounds arrive in order, so list position = round - 1
                cases.setdefault(key(record), {}).setdefault(record["impl"], []).append(record)
            elif tag == "sgemm":
                sgemm.append(record["gflops"])
            elif tag == "bptt":
                bptt.append(record)
            else:
                scaling.append(record)

    def median(runs, field):
        return statistics.median(run[field] for run in runs)

    lines = [
        "# mnemo RMT against PyTorch-Python",
        "",
        "The encoder RMT (Bulatov et al., 2022) on random weights: segments of the backbone's",
        "full length (64/128/512 for tiny/small/base) holding [CLS], 10 memory tokens, [SEP],",
        "the input and [SEP]; a 6-way classifier on the last segment. mnemo is `mnemo rmt bench`;",
        "the baseline is the same math in plain PyTorch (`bench/rmt_baseline.py`, Debian's",
        "torch, OMP_WAIT_POLICY=PASSIVE, 2 threads). Inference runs all segments under",
        "inference mode; training adds dropout 0.1, backpropagates through every segment and",
        "takes an AdamW step. Tokens/s counts input tokens only (not memory or special tokens).",
        "",
        f"- Command: `{meta.get('command', '?')}` ({meta.get('rounds', '?')} rounds, "
        f"{meta.get('repeats', '?')} timed runs each after 1 warm-up; mnemo and the baseline "
        "run back to back, which goes first alternating by round)",
        f"- Machine: {machine()}",
        f"- Date: {datetime.date.today().isoformat()}",
        "",
        "## Throughput",
        "",
        "Each value: median over rounds of the median tokens/s of one run; the last column "
        "lists every round as mnemo / Python.",
        "",
        "| mode | config | batch | segments | mnemo tokens/s | Python tokens/s | ratio "
        "| target | met | peak RSS MB (mnemo / Python) | rounds (mnemo / Python) |",
        "|---|---|---:|---:|---:|---:|---:|---|---|---:|---|",
    ]
    for case, runs in cases.items():
        mnemo, python = (runs.get(impl, []) for impl in IMPLS)
        if not mnemo or not python:
            lines.append(row(*case, "missing runs", *[""] * 6))
            continue
        m, p = median(mnemo, "tokens_per_s"), median(python, "tokens_per_s")
        rss = f"{median(mnemo, 'peak_rss_mb'):.0f} / {median(python, 'peak_rss_mb'):.0f}"
        target = TARGETS.get(case)
        rounds = ", ".join(f"{a['tokens_per_s']:.0f} / {b['tokens_per_s']:.0f}"
                           for a, b in zip(mnemo, python))
        lines.append(row(*case, f"{m:.0f}", f"{p:.0f}", f"{m / p:.2f}x",
                         "—" if target is None else f">= {target}x",
                         "—" if target is None else ("met" if m / p >= target else "not met"),
                         rss, rounds))

    base = cases.get(("infer", "base", 1, 4), {}).get("mnemo")
    if base and sgemm:
        achieved, ceiling = median(base, "gflops"), statistics.median(sgemm)
        share = achieved / ceiling
        lines += [
            "",
            "## BERT-base inference against the matmul ceiling",
            "",
            "GFLOP/s of the base inference case (2 FLOPs per multiply-add of the attention and",
            "feed-forward matmuls over full 512-token segments) over those of a 2048x2048",
            "float matmul (`mnemo bench sgemm`), both medians over rounds.",
            "",
            "| base inference GFLOP/s | sgemm GFLOP/s | share | target | met | "
            "rounds (base / sgemm) |",
            "|---:|---:|---:|---|---|---|",
            row(f"{achieved:.1f}", f"{ceiling:.1f}", f"{share:.0%}", f">= {SGEMM_TARGET:.0%}",
                "met" if share >= SGEMM_TARGET else "not met",
                ", ".join(f"{run['gflops']:.1f} / {g:.1f}" for run, g in zip(base, sgemm))),
        ]

    if scaling:
        lines += [
            "",
            "## Memory over long inputs (mnemo, inference, batch 1)",
            "",
            "One run per row (long inputs: a single timed pass, no warm-up). Peak RSS is the",
            "whole process's.",
            "",
            "| config | segments | input tokens | tokens/s | peak RSS MB |",
            "|---|---:|---:|---:|---:|",
        ]
        rss = {}
        for run in scaling:
            tokens = run["tokens_per_s"] * run["seconds"]  # batch 1: the input's length
            rss[run["config"], run["segments"]] = run["peak_rss_mb"]
            lines.append(row(run["config"], run["segments"], f"{tokens:.0f}",
                             f"{run['tokens_per_s']:.0f}", f"{run['peak_rss_mb']:.0f}"))
        if ("small", 16) in rss and ("small", 4096) in rss:
            lines += ["", f"Peak RSS at 4,096 segments over 16 segments (small): "
                          f"{rss['small', 4096] / rss['small', 16]:.2f}x."]

    if bptt:
        lines += [
            "",
            "## Training memory: full BPTT against recompute (mnemo, small, batch 1)",
            "",
            "One training step per row (forward, backward, AdamW), each in a fresh process.",
            "`--bptt recompute` keeps only the memory entering each segment and re-runs one",
            "segment at a time during the backward pass.",
            "",
            "| bptt | segments | seconds | peak RSS MB |",
            "|---|---:|---:|---:|",
        ]
        rss = {}
        for run in bptt:
            rss[run["bptt"], run["segments"]] = run["peak_rss_mb"]
            lines.append(row(run["bptt"], run["segments"], f"{run['seconds']:.2f}",
                             f"{run['peak_rss_mb']:.0f}"))
        for strategy in ("full", "recompute"):
            if (strategy, 2) in rss and (strategy, 32) in rss:
                lines += ["", f"Peak RSS at 32 segments over 2 segments, {strategy}: "
                              f"{rss[strategy, 32] / rss[strategy, 2]:.2f}x"
                              + (" (target <= 2x)." if strategy == "recompute" else ".")]

    with open(out_path, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:])
