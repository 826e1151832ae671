#!/usr/bin/python3
"""Assembles docs/results/rmt-tasks.md from what scripts/reproduce-rmt-tasks.sh left in WORK.

    rmt_tasks_report.py WORK OUT.md [START ...] [--tasks memorize,detect,reasoning]
                                                     START: scratch, pretrained (default both)

Only reads files; whatever has not been run yet is listed as such. WORK/<OUT's name>.notes.md,
if there, goes into the report as notes on the run (e.g. WORK/rmt-tasks.notes.md).
"""
import argparse
import datetime
import json
import os
import platform
import subprocess

TASKS = ["memorize", "detect", "reasoning"]
LABELS = {"scratch": "from scratch", "pretrained": "MLM-pre-trained backbone"}
SHORT = list(range(1, 16))

# The paper's Figure 5 and Figure 1, as PAPERS.md gives them (approximate readings).
PAPER_SHORT = {
    "memorize": "trained on 1: chance (~16%) beyond 1 segment; trained on 2: 100% up to 3 "
                "segments, 90% at 4, 48% at 7, 19% at 15; trained on 6-7: 100% up to 15.",
    "detect": "trained on 1: chance beyond 1 segment; trained on >= 3: 100% up to 15 segments.",
    "reasoning": "trained on 5-7: ~84-92% at 15 segments.",
}
PAPER_LONG = {  # 7-segment bert-base model at 512 / 1024 / 2048 / 4096 segments
    "memorize": {512: 93.0, 1024: 92.5, 2048: 90.2, 4096: 90.4},
    "detect": {512: 98.3, 1024: 96.7, 2048: 96.6, 4096: 95.7},
    "reasoning": {512: 84.7, 1024: 83.4, 2048: 83.4, 4096: 81.8},
}
REASONING_SETUP = (
    "Reasoning: trained on the task alone it stays at guessing between two places, so "
    "`scripts/reasoning-curriculum.sh` teaches it in steps (bAbI files of two-place questions worded "
    "as their fact, then mostly so, then the task), on 48-token segments (35 usable tokens) to keep "
    "its steps affordable, at lr 3e-4 from either start, validating every 250 steps; %s. "
    "What each step's model gets right: %s.")
REASONING_STEPS = ("easy", "mostly", "reasoning")
TARGETS = {"memorize": (0.99, 0.95), "detect": (0.99, 0.95), "reasoning": (0.90, None)}


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except FileNotFoundError:
        return None


def by_segments(results):
    return {row["segments"]: row for row in results["results"]} if results else {}


def percent(row):
    return "%.0f" % (100 * row["accuracy"]) if row else ""


def machine():
    model = platform.processor() or "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return "%s, %d cores" % (model, os.cpu_count() or 0)


def times(work):
    found = {}
    try:
        for line in open(os.path.join(work, "times.tsv")):
            name, seconds = line.rstrip("\n").split("\t")
            found[name] = found.get(name, 0) + int(seconds)
    except FileNotFoundError:
        pass
    return found


def minutes(seconds):
    return "%dm%02ds" % (seconds // 60, seconds % 60) if seconds is not None else "not run"


def training_table(run):
    state = load(os.path.join(run, "checkpoint", "state.json"))
    if not state:
        return ["not trained yet"]
    lines = ["| stage (segments) | steps | best validation accuracy | at step |",
             "|---:|---:|---:|---:|"]
    for stage in state["stages"]:
        lines.append("| %d (%d) | %d | %.1f%% | %d |" % (stage["stage"], stage["segments"], stage["steps"],
                                                      100 * stage["best_accuracy"], stage["best_step"]))
    if not state.get("finished"):
        lines.append("| %d (running) | %d | %.1f%% | |" % (state["stage"] + 1, state["step"],
                                                          100 * max(0, state["best_accuracy"])))
    return lines


def training_time(run):
    """Seconds spent on steps and validations, which the run's state adds up across resumes."""
    state = load(os.path.join(run, "checkpoint", "state.json"))
    if not state:
        return "not run"
    return minutes(state["seconds"]) + ("" if state.get("finished") else " so far, unfinished")


def run_dir(work, task, start):
    """Where the reproduce script keeps TASK's run from START (for reasoning, a link)."""
    return os.path.join(work, "%s-%s" % (task, start))


def curriculum(run):
    """Segments of each stage of RUN's curriculum, [] before it started."""
    settings = load(os.path.join(run, "run.json"))
    return settings["settings"]["curriculum"] if settings else []


def stage_results(run, stage):
    return by_segments(load(os.path.join(run, "eval-stage-%d.json" % stage)))


def figure5_table(work, task, start):
    run = run_dir(work, task, start)
    lines = ["| trained on \\ evaluated on | " + " | ".join(str(s) for s in SHORT) + " |",
             "|---|" + "---:|" * len(SHORT)]
    for stage, segments in enumerate(curriculum(run), 1):
        rows = stage_results(run, stage)
        if rows:
            lines.append("| %d segment%s | " % (segments, "s" if segments > 1 else "") +
                         " | ".join(percent(rows.get(s)) for s in SHORT) + " |")
    return lines if len(lines) > 2 else ["not evaluated yet"]


def target_lines(work, task, starts):
    at_trained, at_double = TARGETS[task]
    lines = []
    for start in starts:
        label = LABELS[start]
        run = run_dir(work, task, start)
        stages = curriculum(run)
        rows = stage_results(run, len(stages)) if stages else {}
        if not rows:
            lines.append("- %s: not evaluated yet" % label)
            continue
        trained = stages[-1]  # the target is at the last stage's length and twice it
        checks = [(trained, at_trained)] + ([(2 * trained, at_double)] if at_double else [])
        parts = []
        for segments, target in checks:
            if segments not in rows:  # beyond the 1..15 segments the stages are evaluated on
                parts.append("not evaluated at %d segments (target %.0f%%)" % (segments, 100 * target))
                continue
            got = rows[segments]["accuracy"]
            verdict = "met" if got >= target else "missed by %.1f points" % (100 * (target - got))
            parts.append("%.1f%% at %d segments (target %.0f%%: %s)" % (100 * got, segments, 100 * target, verdict))
        lines.append("- %s: %s" % (label, "; ".join(parts)))
    return lines


def long_table(work, task, starts):
    columns = [(LABELS[start], by_segments(load(os.path.join(run_dir(work, task, start), "eval-long.json"))))
               for start in starts]
    segments = sorted({s for _, rows in columns for s in rows})
    if not segments:
        return ["not evaluated yet"]
    lines = ["| segments | tokens | " + " | ".join(label for label, _ in columns) + " | paper (bert-base, 7 segments) |",
             "|---:|---:|" + "---:|" * (len(columns) + 1)]
    for s in segments:
        tokens = next(rows[s]["tokens"] for _, rows in columns if s in rows)
        values = []
        for _, rows in columns:
            row = rows.get(s)
            values.append("%.0f%% (%.0f-%.0f), n=%d" % (100 * row["accuracy"], 100 * row["ci95"][0],
                                                        100 * row["ci95"][1], row["n"]) if row else "not run")
        paper = PAPER_LONG[task].get(s)
        lines.append("| %d | %d | %s | %s |" % (s, tokens, " | ".join(values), "%.1f%%" % paper if paper else ""))
    return lines


def curriculum_report(out, start):
    """A link to reasoning-curriculum.sh's report for START, which it writes when its run ends."""
    name = "%s-curriculum-%s.md" % (os.path.basename(out)[:-len(".md")], start)
    if os.path.exists(os.path.join(os.path.dirname(out), name)):
        return "[%s](%s)" % (LABELS[start], name)
    return "%s (%s, once its run has ended)" % (LABELS[start], name)


def reasoning_budget(work, start):
    """The step budgets reasoning-curriculum.sh gave START's three steps, from their run.json."""
    runs = [load(os.path.join(work, "reasoning-%s-curriculum" % start, step, "run.json"))
            for step in REASONING_STEPS]
    if not all(runs):
        return "%s: not all started yet" % LABELS[start]
    steps = [run["settings"]["steps_per_stage"] for run in runs]
    stages = runs[-1]["settings"]["curriculum"]
    return "{}: {:,} steps, then {:,}, then {:,} a stage of {} segments ({:,} in all)".format(
        LABELS[start], *steps, ", ".join(map(str, stages)), steps[0] + steps[1] + len(stages) * steps[2])


def backbone(work, spent):
    """What the MLM pre-training of the backbone reached, from its run directory (the Trainer's
    checkpoint/state.json and log.jsonl; a backbone from before that, its pretrain_state.json)."""
    run = os.path.join(work, "bert-small-mlm")
    state = load(os.path.join(run, "checkpoint", "state.json"))
    validations = []
    if state:
        steps = state["stages"][0]["steps"] if state.get("finished") else state["step"]
        if os.path.exists(os.path.join(run, "log.jsonl")):
            with open(os.path.join(run, "log.jsonl")) as log:
                validations = [json.loads(line) for line in log if line.strip()]
        last = validations[-1] if validations else None
        reached = last and "held-out masked-token accuracy %.1f%% (training loss %.2f)" % (
            100 * last["accuracy"], last["loss"])
    else:
        state = load(os.path.join(run, "pretrain_state.json"))
        if not state:
            return "not run yet"
        steps = state["step"]
        last = state["validations"][-1] if state.get("validations") else None
        reached = last and "held-out masked-token accuracy %.1f%% (loss %.2f)" % (
            100 * last["masked_accuracy"], last["loss"])
    done = os.path.exists(os.path.join(run, "done"))
    text = "%d steps%s" % (steps, "" if done else " so far")
    if reached:
        text += ", " + reached
    if done and "pretrain" in spent:
        text += ", %s" % minutes(spent["pretrain"])
    return text


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("work")
    parser.add_argument("out")
    parser.add_argument("starts", nargs="*", help="scratch, pretrained (default both)")
    parser.add_argument("--tasks", default=",".join(TASKS), help="comma-separated, in report order")
    args = parser.parse_args()
    work, out, starts = args.work, args.out, args.starts or list(LABELS)
    tasks = args.tasks.split(",")
    for given, known in ((starts, LABELS), (tasks, TASKS)):
        unknown = [name for name in given if name not in known]
        if unknown:
            parser.error("unknown %s; known: %s" % (", ".join(unknown), ", ".join(known)))
    spent = times(work)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip() or "unknown (not run from a git checkout)"
    title = "# RMT on %s%s (Figure 5 on CPU)" % (
        "the paper's three tasks" if tasks == TASKS
        else "the paper's %s task%s" % (" and ".join(tasks), "s" if len(tasks) > 1 else ""),
        " from a pre-trained backbone" if starts == ["pretrained"] else "")
    text = [title, "",
            "Written by `scripts/reproduce-rmt-tasks.sh` (this file by `scripts/rmt_tasks_report.py`) "
            "on %s, %s, commit %s." % (machine(), datetime.date.today().isoformat(), commit), "",
            "Setup: small geometry (4 layers, d=256, 4 heads, ff 1024), 10 memory tokens, SentencePiece "
            "vocabulary of 8,000 trained on the Brown corpus, Brown sentences as noise (validation and "
            "evaluation noise from the held-out last 10%% of the corpus); each stage of a curriculum "
            "starts from the previous stage's best; batch 32, AdamW (weight decay 1e-3), warmup 10%% "
            "then linear decay, gradient values clipped at 5, validation on 256 fixed samples, a stage "
            "ends at 99%% validation accuracy or after its budget.%s Accuracy per cell: 100 fresh "
            "samples unless said otherwise; 95%% Wilson intervals are in the JSON files." %
            (" The pre-trained backbone: MLM on Brown, batch 32 x 128 tokens, %s." % backbone(work, spent)
             if "pretrained" in starts else ""),
            ""]
    if set(tasks) - {"reasoning"}:
        text += ["Memorize and detect: segment 128 (115 usable tokens a segment), curriculum 1, 2, 3, "
                 "4, 5 segments of up to 1,000 steps each, validation every 50 steps, learning rate "
                 "3e-4 from scratch%s." % (", 1e-4 from the pre-trained backbone" if "pretrained" in starts
                                           else ""), ""]
    if "reasoning" in tasks:
        text += [REASONING_SETUP % ("; ".join(reasoning_budget(work, start) for start in starts),
                                    ", ".join(curriculum_report(out, start) for start in starts)), ""]
    # What the person running the script saw and wants kept with the numbers; one file a
    # report, as reports of different tasks or starts may share a work directory.
    notes = os.path.join(work, os.path.basename(out)[:-len(".md")] + ".notes.md")
    if os.path.exists(notes):
        text += ["Notes on this run:", "", open(notes).read().strip(), ""]
    for task in tasks:
        text += ["## %s" % task, "", "Paper (bert-base, Figure 5): " + PAPER_SHORT[task], ""]
        for start in starts:
            run = run_dir(work, task, start)
            text += ["### %s" % LABELS[start], "",
                     "Training (steps and validations: %s):" % training_time(run), ""]
            text += training_table(run) + ["", "Accuracy (%) by training length (rows) and evaluation length in segments (columns):", ""]
            text += figure5_table(work, task, start) + [""]
        text += ["### Targets", ""] + target_lines(work, task, starts) + [""]
        text += ["### Long inputs: the last stage's model (evaluation time: %s)" %
                 ", ".join("%s %s" % (LABELS[start], minutes(spent.get("eval %s %s long" % (task, start))))
                           for start in starts), ""]
        text += long_table(work, task, starts) + [""]
        plot = "%s-%s.png" % (os.path.basename(out)[:-len(".md")], task)  # drawn by the reproduce script
        if os.path.exists(os.path.join(os.path.dirname(out), plot)):
            text += ["![%s accuracy against input length](%s)" % (task, plot), ""]
    with open(out + ".tmp", "w") as f:
        f.write("\n".join(text))
    os.replace(out + ".tmp", out)


if __name__ == "__main__":
    main()
