#!/usr/bin/python3
"""Writes docs/results/long-inputs.md from what scripts/reproduce-long-inputs.sh left in WORK.

    long_inputs_report.py WORK MODEL OUT.md
"""
import datetime
import json
import os
import subprocess
import sys


def machine():
    model = next((line.split(":", 1)[1].strip()
                  for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout
                  .splitlines() if line.startswith("Model name")), "unknown CPU")
    return f"{model}, {os.cpu_count()} cores"


def main(work, model, out_path):
    evaluation = json.load(open(os.path.join(work, "eval.json")))
    runs = {name: json.load(open(os.path.join(work, f"run-{name}.json")))
            for name in ("short", "long")}
    lines = [
        "# A trained RMT on a million tokens and more",
        "",
        f"- Model: `{model}` (small geometry: 4 layers, d=256, segment 128 with 10 memory",
        "  tokens, so 115 input tokens a segment; trained from scratch on memorize up to 5",
        "  segments by `scripts/reproduce-rmt-tasks.sh`)",
        f"- Command: `scripts/reproduce-long-inputs.sh {model}`",
        f"- Machine: {machine()}; date {datetime.date.today().isoformat()}",
        "",
        "## Accuracy (`mnemo rmt eval`, memorize, held-out noise)",
        "",
        "| segments | tokens | correct | n | 95% interval | wall time |",
        "|---:|---:|---:|---:|---|---:|",
    ]
    for row in evaluation["results"]:
        lines.append(f"| {row['segments']} | {row['tokens']:,} | {row['correct']} | {row['n']} "
                     f"| {100 * row['ci95'][0]:.0f}-{100 * row['ci95'][1]:.0f}% "
                     f"| {row['seconds'] / 60:.1f} min |")
    lines += [
        "",
        "## Streaming a text file (`mnemo rmt run`)",
        "",
        "The file starts with \"Daniel journeyed to the office.\"; the rest is held-out Brown",
        "text. The question is \"Where is Daniel?\". Tokens are read and tokenized block by",
        "block; only the memory is carried between segments.",
        "",
        "| input | tokens | segments | answer | P(answer) | seconds | tokens/s | peak RSS MB |",
        "|---|---:|---:|---|---:|---:|---:|---:|",
    ]
    for name, run in runs.items():
        lines.append(f"| {name}.txt | {run['tokens']:,} | {run['segments']:,} | {run['answer']} "
                     f"| {run['probabilities'][run['answer']]:.3f} | {run['seconds']:.1f} "
                     f"| {run['tokens_per_s']:.0f} | {run['peak_rss_mb']:.0f} |")
    lines += ["", f"Peak memory, long over short: "
                  f"{runs['long']['peak_rss_mb'] / runs['short']['peak_rss_mb']:.3f}x."]
    with open(out_path, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:])
