#!/usr/bin/python3
"""Writes docs/results/memorization.md (and its two plots) from what
scripts/reproduce-memorization.sh left in WORK.

    memorization_report.py WORK OUT.md

Only reads files: each run's run.json and log, the score CSVs and their JSON sidecars, the
two `mnemo memorization predict --json` outputs and the wall times; plots with gnuplot.
"""
import datetime
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from rmt_tasks_report import load, machine, minutes, times  # noqa: E402

# Biderman et al. 2023 as PAPERS.md gives them: Pythia models predicting Pythia-12B
# (precision, recall), compute as a fraction of 12B's from the nominal sizes (same tokens).
PAPER_SMALLER = [("70M", 0.07, .956, .197), ("160M", 0.16, .948, .289), ("410M", 0.41, .940, .401),
                 ("1.0B", 1.0, .931, .512), ("1.4B", 1.4, .926, .554), ("2.8B", 2.8, .909, .658),
                 ("6.9B", 6.9, .884, .795)]
# 12B's own checkpoints: sequences seen (millions, of 146M) and recall; precision ~.91-.94.
PAPER_CHECKPOINTS = [(23, .500), (44, .575), (65, .641), (85, .711), (105, .809), (126, .916)]
PAPER_TARGET_SHARE = 1.62  # % of the sequences Pythia-12B memorizes


def read_scores(path, copies=None):
    """The scores of a CSV in index order; with `copies` (of each distinct sequence, 0 for
    the held-out ones), only those of trained sequences."""
    with open(path) as f:
        rows = [line.strip().split(",") for line in f if line.strip()]
    scores = sorted((int(index), float(score)) for index, score in rows[1:])
    return [score for index, score in scores if copies is None or copies[index] > 0]


def percent(value):
    return "%.1f%%" % (100 * value) if value is not None else "-"


def number(value):
    return "%.3f" % value if value is not None else "-"


def text_names(data):
    return ", ".join(os.path.basename(t) for t in data.get("texts", []))


def step_of(path):
    return int(re.search(r"step-(\d+)", path).group(1))


class Run:
    """One member of the family: its settings, kept models' scores, time and validation."""

    def __init__(self, work, name, spent):
        self.name = name
        self.dir = os.path.join(work, name)
        run = load(os.path.join(self.dir, "run.json")) or {}
        self.settings = run.get("settings", {})
        self.about = run.get("about", {})
        self.scores = sorted((os.path.join(self.dir, f) for f in os.listdir(self.dir)
                              if re.fullmatch(r"scores-step-\d+\.csv", f)), key=step_of)
        self.train_seconds = spent.get("train %s" % name)
        self.score_seconds = spent.get("score %s" % name)
        log = [json.loads(line) for line in open(os.path.join(self.dir, "log.jsonl"))]
        self.held_out_accuracy = log[-1]["accuracy"] if log else None

    def sidecar(self, scores):
        return load(scores + ".json") or {}

    def final(self):
        return self.scores[-1]

    def steps(self):
        return self.settings.get("steps_per_stage")


def memorized_share(scores):
    return sum(1 for s in scores if s >= 1) / len(scores)


def family_table(runs, copies):
    model = lambda run: run.about.get("model", {})
    lines = ["| model | layers | width | heads | parameters | steps | training tokens | training time | "
             "held-out token accuracy | mean score | memorized |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for run in runs:
        side = run.sidecar(run.final())
        scores = read_scores(run.final(), copies)
        lines.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %.3f | %s (%d of %d) |" % (
            run.name, model(run).get("n_layer"), model(run).get("n_embd"), model(run).get("n_head"),
            "{:,}".format(side.get("parameters", 0)), run.steps(), "{:,}".format(side.get("training_tokens", 0)),
            minutes(run.train_seconds), percent(run.held_out_accuracy), sum(scores) / len(scores),
            percent(memorized_share(scores)), sum(1 for s in scores if s >= 1), len(scores)))
    return lines


def checkpoint_share_table(runs, copies):
    fractions = None
    lines = []
    for run in runs:
        steps = [step_of(path) for path in run.scores]
        if fractions is None:
            fractions = [step / run.steps() for step in steps]
            lines = ["| model | " + " | ".join("%.0f%%" % (100 * f) for f in fractions) + " |",
                     "|---|" + "---:|" * len(fractions)]
        lines.append("| %s | " % run.name + " | ".join(percent(memorized_share(read_scores(p, copies)))
                                                      for p in run.scores) + " |")
    return lines


def plot(script, out_png):
    """Runs a gnuplot script (with `set output` added); no gnuplot, no plot."""
    try:
        subprocess.run(["gnuplot"], input="set terminal pngcairo size 900,520 noenhanced\n"
                       "set output '%s'\n%s" % (out_png, script), text=True, check=True)
        return True
    except (OSError, subprocess.CalledProcessError) as error:
        print("memorization_report: no plot %s (%s)" % (out_png, error), file=sys.stderr)
        return False


def copies_table(runs, copies):
    """Memorized share of the distinct sequences written c times, for each c and final model."""
    counts = sorted(set(copies))
    lines = ["| copies in the data | sequences | " + " | ".join(run.name for run in runs) + " |",
             "|---:|---:|" + "---:|" * len(runs)]
    finals = [read_scores(run.final()) for run in runs]
    for c in counts:
        chosen = [i for i, n in enumerate(copies) if n == c]
        cells = [percent(memorized_share([scores[i] for i in chosen])) for scores in finals]
        lines.append("| %s | %d | %s |" % ("0 (held out)" if c == 0 else c, len(chosen), " | ".join(cells)))
    return lines


def histogram_plot(runs, copies, out_dir, png):
    """Share of sequences at each score (k/32), one line per final model, log scale."""
    data = os.path.join(out_dir, png + ".dat")
    columns = []
    for run in runs:
        scores = read_scores(run.final(), copies)
        bins = [0] * 33
        for s in scores:
            bins[round(s * 32)] += 1
        columns.append([b / len(scores) for b in bins])
    with open(data, "w") as f:  # empty bins missing ("?"): log scale has no 0
        for k in range(33):
            f.write("%g %s\n" % (k / 32, " ".join("%g" % c[k] if c[k] > 0 else "?" for c in columns)))
    lines = ", ".join("'%s' using 1:%d with linespoints title '%s'" % (data, i + 2, run.name)
                      for i, run in enumerate(runs))
    ok = plot("set datafile missing '?'\nset logscale y\nset xlabel 'memorization score (share of the 32 continuation tokens "
              "decoded right)'\nset ylabel 'share of training sequences'\nset key top center\n"
              "set grid\nplot %s\n" % lines, os.path.join(out_dir, png))
    os.remove(data)
    return ok


def predictor_plot(smaller, checkpoints, out_dir, png):
    """Recall and precision against compute share, for both kinds of predictor."""
    data = os.path.join(out_dir, png + ".dat")
    with open(data, "w") as f:
        for rows in (smaller, checkpoints):
            for row in sorted(rows, key=lambda r: r.get("compute_fraction") or 0):
                precision = defined_precision(row)
                f.write("%g %g %g\n" % (row.get("compute_fraction") or 0, row["recall"],
                                        precision if precision is not None else float("nan")))
            f.write("\n\n")
        for name, size, precision, recall in PAPER_SMALLER:
            f.write("%g %g %g\n" % (size / 12, recall, precision))
    ok = plot("set xlabel 'predictor compute / target compute (6 x parameters x tokens)'\n"
              "set ylabel 'against the target memorized set'\nset yrange [0:1.5]\nset ytics 0, 0.2, 1\nset key top left\n"
              "set logscale x\nset grid\n"
              "plot '{0}' index 0 using 1:2 with linespoints title 'recall, smaller models', "
              "'{0}' index 0 using 1:3 with linespoints title 'precision, smaller models', "
              "'{0}' index 1 using 1:2 with linespoints title 'recall, intermediate checkpoints', "
              "'{0}' index 1 using 1:3 with linespoints title 'precision, intermediate checkpoints', "
              "'{0}' index 2 using 1:2 with linespoints dashtype 2 title 'recall, Pythia models -> 12B (paper)'\n"
              .format(data), os.path.join(out_dir, png))
    os.remove(data)
    return ok


def defined_precision(row):
    """None where the predictor memorized nothing: precision is then undefined (mnemo prints 0)."""
    return row["precision"] if row["memorized_by_predictor"] > 0 else None


def predictor_rows(prediction, describe):
    lines = []
    for row in prediction["predictors"]:
        predicted = row["memorized_by_predictor"] > 0
        lines.append("| %s | %s | %d | %d | %s | %s | %s |" % (
            describe(row["predictor"]), number(row.get("compute_fraction")), row["memorized_by_predictor"],
            row["true_positives"], number(defined_precision(row)), number(row["recall"]),
            number(row["f1"] if predicted else None)))
    return lines


def main():
    work, out = sys.argv[1], sys.argv[2]
    out_dir = os.path.dirname(out) or "."
    spent = times(work)
    names = [d for d in sorted(os.listdir(work)) if os.path.isfile(os.path.join(work, d, "run.json"))]
    runs = sorted((Run(work, name, spent) for name in names),
                  key=lambda run: run.sidecar(run.final()).get("parameters", 0))
    target = runs[-1]
    data = load(os.path.join(work, "data.json")) or {}
    smaller = load(os.path.join(work, "predict-smaller.json"))
    checkpoints = load(os.path.join(work, "predict-checkpoints.json"))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    total = sum(seconds for seconds in spent.values())
    positions = target.about.get("training_sequences") or 1  # training sequences in the file
    copies = data.get("distinct_copies")  # None: no duplicates, the file was scored as it is
    settings = target.settings
    epochs = settings.get("steps_per_stage", 0) * settings.get("batch_size", 0) / positions
    if copies:
        trained = sum(1 for c in copies if c > 0)
        data_text = ("%s distinct sequences of %s tokens cut in order from %s, distinct sequence u written "
                     "%s[u mod %d] times at seeded random places (%s training sequences in all), then %s "
                     "held-out sequences once each" % (
                         "{:,}".format(trained), data.get("sequence_length"), text_names(data),
                         sorted(set(c for c in copies if c > 0)), len(set(c for c in copies if c > 0)),
                         "{:,}".format(positions), target.about.get("held_out")))
    else:
        data_text = ("%s training sequences of %s tokens cut in order from %s, then %s held-out sequences" % (
            "{:,}".format(positions), data.get("sequence_length"), text_names(data), target.about.get("held_out")))
    text = ["# Predictable memorization on a family of small GPT-2 models", "",
            "Written by `scripts/reproduce-memorization.sh` (this file by `scripts/memorization_report.py`) "
            "on %s, %s, commit %s; the whole run took %s of wall time." % (
                machine(), datetime.date.today().isoformat(), commit, minutes(total)), "",
            "Setup: %s (SentencePiece vocabulary of %s trained on the text). Every model is trained from "
            "scratch on the file in order for %.1f epochs (batch %s, AdamW, peak learning rate %s, warmup "
            "%.0f%% then linear decay, no dropout, as Pythia), keeping its model at %d evenly spaced steps; "
            "validation is the share of held-out tokens predicted right. Every kept model scores every "
            "distinct sequence: its first 32 tokens are the prompt, 32 tokens are decoded greedily, the score "
            "is the share that equals the true continuation; a sequence is memorized at score 1 (the "
            "paper's definition). Shares below are of the distinct training sequences; precision and recall "
            "count the held-out ones too (never memorized here, they only add true negatives)." % (
                data_text, data.get("vocab_size"), epochs, settings.get("batch_size"),
                settings.get("learning_rate"), 100 * settings.get("warmup_fraction", 0), len(target.scores)), "",
            "## The family", ""]
    text += family_table(runs, copies) + [""]
    text += ["Memorized share at each kept step (as a fraction of training):", ""]
    text += checkpoint_share_table(runs, copies) + [""]
    if copies:
        text += ["Memorized share of the final models by how often the sequence recurs in the data:", ""]
        text += copies_table(runs, copies) + [""]
    text += ["Pythia-12B memorizes %.2f%% of its training sequences." % PAPER_TARGET_SHARE, ""]
    if histogram_plot(runs, copies, out_dir, "memorization-scores.png"):
        text += ["![Score distribution of each final model](memorization-scores.png)", "",
                 "The share of training sequences at each score, for each final model (log scale).", ""]

    def model_name(path):
        return os.path.basename(os.path.dirname(path))

    def checkpoint_name(path):
        return "%s at step %d (%.0f%%)" % (model_name(path), step_of(path), 100 * step_of(path) / target.steps())

    header = ["| predictor | compute / target's | memorized by predictor | also by target | precision | recall | F1 |",
              "|---|---:|---:|---:|---:|---:|---:|"]
    if smaller and checkpoints:
        memorized = smaller["predictors"][0]["memorized_by_target"]
        text += ["## Smaller models predicting the largest (the paper's Figure 2)", "",
                 "Target: %s, final model, memorizes %d of the %d scored sequences. A predictor's memorized "
                 "set (score 1) against the target's (precision is undefined, -, where the predictor "
                 "memorized nothing):" % (target.name, memorized, smaller["predictors"][0]["sequences"]), ""]
        text += header + predictor_rows(smaller, lambda p: model_name(p) + " (final)") + [""]
        text += ["Paper (Pythia models predicting Pythia-12B):", "",
                 "| predictor | compute / target's | precision | recall |", "|---|---:|---:|---:|"]
        text += ["| Pythia-%s | %.3f | %.3f | %.3f |" % (name, size / 12, p, r) for name, size, p, r in PAPER_SMALLER]
        text += ["", "## Intermediate checkpoints predicting the final model (the paper's Table 2)", ""]
        text += header + predictor_rows(checkpoints, checkpoint_name) + [""]
        text += ["Paper (Pythia-12B's checkpoints predicting its final model; precision ~.91-.94 throughout):", "",
                 "| checkpoint (sequences seen) | compute / target's | recall |", "|---|---:|---:|"]
        text += ["| %dM of 146M | %.3f | %.3f |" % (seen, seen / 146, r) for seen, r in PAPER_CHECKPOINTS]
        text += [""]
        if predictor_plot(smaller["predictors"], checkpoints["predictors"], out_dir, "memorization-predictors.png"):
            text += ["![Precision and recall against compute](memorization-predictors.png)", ""]
    notes = os.path.join(work, "notes.md")
    if os.path.exists(notes):  # what the person running the script saw and wants kept with the numbers
        text += ["## Notes on this run", "", open(notes).read().strip(), ""]
    text += ["## Time", "", "| step | wall time |", "|---|---:|"]
    text += ["| %s | %s |" % (name, minutes(seconds)) for name, seconds in spent.items()] + [""]
    with open(out + ".tmp", "w") as f:
        f.write("\n".join(text))
    os.replace(out + ".tmp", out)


if __name__ == "__main__":
    main()
