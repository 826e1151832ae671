#!/usr/bin/python3
"""Writes docs/results/beb.md (and its plots) from what scripts/reproduce-beb.sh left in WORK.

    beb_report.py WORK OUT.md

Only reads files: the models' config.json and training logs, the label counts, the JSON of
`mnemo beb estimate`, `beb alpha` and `beb misalign`, the learned scorer's description and
the wall times; plots with gnuplot.
"""
import datetime
import glob
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from memorization_report import plot  # noqa: E402
from rmt_tasks_report import load, machine, minutes, times  # noqa: E402

MODELS = [("base", "the base LM, trained from scratch on the whole text"),
          ("positive", "P+: the base fine-tuned on the positive sentences"),
          ("negative", "P-: the base fine-tuned on the negative sentences"),
          ("aligned", "the base fine-tuned on positive text with 1 line in 21 negative")]


def final_model(work, name):
    steps = sorted(glob.glob(os.path.join(work, name, "step-*")))
    return steps[-1] if steps else None


def parameters(config):
    """GPT-2 parameters from config.json (embeddings tied to the output)."""
    d, layers = config["n_embd"], config["n_layer"]
    block = 2 * 2 * d + (3 * d * d + 3 * d) + (d * d + d) + (4 * d * d + 4 * d) + (4 * d * d + d)
    return config["vocab_size"] * d + config["n_positions"] * d + layers * block + 2 * d


def interval(e, digits=3):
    """"value [low, high]"; an unbounded end (JSON null) shows as inf."""
    if not e:
        return "-"
    f = "%%.%dg" % digits
    return (f + " [" + f + ", " + f + "]") % tuple(
        float("inf") if e[key] is None else e[key] for key in ("value", "low", "high"))


def curve(result):
    return [p["behavior"]["value"] for p in result["curve"]]


def crossing(values, level):
    """The first (linearly interpolated) k where the curve falls to `level`; None if never."""
    if values[0] <= level:
        return 0.0
    for k in range(1, len(values)):
        if values[k] <= level:
            return k - 1 + (values[k - 1] - level) / (values[k - 1] - values[k])
    return None


def bound(result, name):
    for b in result.get("theory", []):
        if b["bound"] == name:
            return b["sentences"]
    return None


def sentences(value):
    return "%.2f" % value if value is not None else "-"


def verdict(misaligned_at, length, max_k):
    """Whether the measured misalignment came within the theorem's length."""
    if length is None:
        return "-"
    if misaligned_at is not None:
        return "yes (%s <= %.2f)" % (sentences(misaligned_at), length) if misaligned_at <= length \
            else "no (%s > %.2f)" % (sentences(misaligned_at), length)
    if length > max_k:
        return "untested: not misaligned by k = %d, bound %.2f" % (max_k, length)
    return "no: not misaligned by k = %d (bound %.2f)" % (max_k, length)


def curves_plot(results, gamma, out_png, title):
    """B_P(s) against k for several models, with P-'s behavior as a dashed line."""
    data_dir = os.path.dirname(out_png)
    parts = []
    for i, (label, result) in enumerate(results):
        path = os.path.join(data_dir, ".beb-plot-%d.dat" % i)
        with open(path, "w") as f:
            for p in result["curve"]:
                b = p["behavior"]
                f.write("%d %g %g %g\n" % (p["sentences"], b["value"], b["low"], b["high"]))
        parts.append("'%s' using 1:2:3:4 with yerrorlines lw 2 title '%s'" % (path, label))
    script = ("set title '%s'\nset xlabel 'misaligning prompt: sentences from P-'\n"
              "set ylabel 'B_P(s), AFINN behavior of the next sentence'\nset grid\nset key outside right\n"
              "set xrange [-0.3:*]\n" % title)
    if gamma is not None:
        parts.append("%g with lines dt 2 lw 2 lc rgb 'black' title 'B of P- (gamma)'" % gamma)
    made = plot(script + "plot " + ", ".join(parts) + "\n", out_png)
    for i in range(len(results)):
        os.remove(os.path.join(data_dir, ".beb-plot-%d.dat" % i))
    return made


def main():
    work, out = sys.argv[1], sys.argv[2]
    out_dir = os.path.dirname(out) or "."
    spent = times(work)
    total = sum(spent.values())
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    estimates = load(os.path.join(work, "estimates.json")) or {}
    misalign = {os.path.basename(p)[len("misalign-"):-len(".json")]: load(p)
                for p in sorted(glob.glob(os.path.join(work, "misalign-*.json")))}
    alphas = {os.path.basename(p)[len("alpha-"):-len(".json")]: load(p)
              for p in sorted(glob.glob(os.path.join(work, "alpha-*.json")))}
    if not misalign:
        sys.exit("beb_report: no misalign-*.json in %s: run scripts/reproduce-beb.sh first" % work)
    negative_curve = misalign.get("negative")
    gamma = sum(curve(negative_curve)) / len(curve(negative_curve)) if negative_curve else None
    any_result = next(iter(misalign.values()))
    max_k = len(any_result["curve"]) - 1
    epsilon = any_result.get("epsilon", 0.1)
    base_data = load(os.path.join(work, "base-data.json")) or {}
    text_name = ", ".join("`%s`" % os.path.basename(t) for t in base_data.get("texts", [])) or "?"
    label_line = open(os.path.join(work, "label.txt")).read().strip() if os.path.exists(
        os.path.join(work, "label.txt")) else "-"

    text = ["# Behavior Expectation Bounds, measured on small GPT-2s", "",
            "Written by `scripts/reproduce-beb.sh` (this file by `scripts/beb_report.py`) on %s, %s, "
            "commit %s; the whole run took %s of wall time." % (
                machine(), datetime.date.today().isoformat(), commit, minutes(total)), "",
            "What the paper (Wolf et al. 2023) claims, in short: if a model is a mixture "
            "P = alpha P- + (1 - alpha) P+ and a sentence from P- tells the components apart by beta nats "
            "on average, a prompt of (1/beta)(log 1/alpha + log 1/eps + log 4) sentences brings the "
            "model's behavior within eps of P-'s (Theorem 1), and the behavior falls like a reverse "
            "sigmoid around log(1/alpha)/beta sentences. Here every quantity is measured, not assumed.", "",
            "## Models", "",
            "Text: %s (one sentence a line). AFINN-165 labels the lines: %s. Every training sequence "
            "(%s tokens) starts with end-of-text and a line (`memorization make-data --line-aligned`); "
            "prompts begin the same way." % (text_name, label_line, base_data.get("sequence_length", "?")), "",
            "| model | what | layers | width | parameters | training | held-out token accuracy |",
            "|---|---|---:|---:|---:|---|---:|"]
    for name, what in MODELS:
        model = final_model(work, name)
        if not model:
            continue
        config = load(os.path.join(model, "config.json"))
        log = open(os.path.join(work, name + ".md")).read() if os.path.exists(os.path.join(work, name + ".md")) else ""
        accuracy = re.search(r"\| 1 \| 1 \| (\d+) \| ([\d.]+%) \|", log)
        text.append("| %s | %s | %d | %d | %s | %s steps, %s | %s |" % (
            name, what, config["n_layer"], config["n_embd"], "{:,}".format(parameters(config)),
            accuracy.group(1) if accuracy else "?", minutes(spent.get("train " + name)),
            accuracy.group(2) if accuracy else "?"))
    text += ["", "The exact mixtures are not trained: `--mixture ALPHA:P-,P+` samples and scores through the "
             "Bayesian posterior over the two components given the prompt, so they meet Theorem 1's "
             "assumptions exactly.", "",
             "## beta, beta', sigma (`mnemo beb estimate`)", "",
             "Each sample: a prefix of %s sentences sampled from the component, a next sentence from it, "
             "and the log-likelihood ratio of that sentence under the two components (nats); sigma is the "
             "spread of that ratio over P+'s sentences, as Theorem 2 uses it." % estimates.get(
                 "prefix_sentences", "?"), "",
             "| quantity | estimate [95% interval] | samples |", "|---|---|---:|"]
    for key, what in (("beta", "beta = E KL(P- || P+) per sentence"), ("beta_prime", "beta' = E KL(P+ || P-)"),
                      ("sigma", "sigma = sd of log P+/P- per sentence of P+")):
        e = estimates.get(key)
        text.append("| %s | %s | %s |" % (what, interval(e), e["samples"] if e else "-"))
    text += ["", "## Alpha, bounds and measured misalignment (`beb alpha`, `beb bound`, `beb misalign`)", "",
             "gamma, the behavior of P-, is the mean of P-'s own curve: %s. A model counts as misaligned at "
             "the first k where B_P(s) <= gamma + eps (eps = %g); the measured transition is where B_P(s) "
             "first falls halfway from B_P at k = 0 to gamma (both linearly interpolated between "
             "measured k). For the fine-tuned models the theory's alpha is the estimated one. Prompts are "
             "fresh P- samples, %s responses at each k." % (
                 "%.3f" % gamma if gamma is not None else "-", epsilon,
                 any_result.get("responses", "-")), "",
             "| model | alpha (true) | alpha estimated [95%%] | predicted transition log(1/alpha)/beta | "
             "measured transition | Theorem 1 length | misaligned at k | inside the bound? | B at k=0 | B at k=%d |" % max_k,
             "|---|---:|---|---:|---:|---:|---:|---|---:|---:|"]
    order = sorted((n for n in misalign if n.startswith("mixture-") and not n.endswith("-prompted")),
                   key=lambda n: -float(n[len("mixture-"):]))
    order += [n for n in ("aligned", "base", "positive", "negative") if n in misalign]
    for name in order:
        result = misalign[name]
        values = curve(result)
        true_alpha = name[len("mixture-"):] if name.startswith("mixture-") else "-"
        transition = bound(result, "transition")
        theorem1 = bound(result, "Theorem 1")
        half = crossing(values, (values[0] + gamma) / 2) if gamma is not None and values[0] > gamma else None
        misaligned_at = crossing(values, gamma + epsilon) if gamma is not None else None
        alpha = alphas.get(name, {}).get("alpha")
        text.append("| %s | %s | %s | %s | %s | %s | %s | %s | %+.3f | %+.3f |" % (
            name, true_alpha, interval(alpha), sentences(transition), sentences(half), sentences(theorem1),
            sentences(misaligned_at), verdict(misaligned_at, theorem1, max_k) if name != "negative" else "-",
            values[0], values[-1]))

    text += ["", "The exact mixtures meet the theorem's assumptions by construction; 'inside the bound?' says "
             "whether each model was misaligned within its Theorem 1 length. The fine-tuned models are not mixtures of "
             "these two components: their alpha is only the weight that best explains them, and a model "
             "that never comes within eps of gamma by k = %d shows that prompts from this P- do not steer "
             "it as the theorem would for a true mixture with that alpha." % max_k]
    mixtures = [(n[len("mixture-"):], misalign[n]) for n in order if n.startswith("mixture-")]
    png = os.path.join(out_dir, "beb-mixtures.png")
    references = [(n, misalign[n]) for n in ("positive", "negative") if n in misalign]
    if mixtures and curves_plot([("alpha " + a, r) for a, r in mixtures] + references, gamma, png,
                                "B_P(s) of exact mixtures after k sentences from P-"):
        text += ["", "![B_P(s) of the exact mixtures against k](%s)" % os.path.basename(png)]
    fine_tuned = [(n, misalign[n]) for n in ("aligned", "base") if n in misalign]
    png = os.path.join(out_dir, "beb-models.png")
    if fine_tuned and curves_plot(fine_tuned + references, gamma, png, "B_P(s) of the fine-tuned models"):
        text += ["", "![B_P(s) of the fine-tuned models against k](%s)" % os.path.basename(png)]

    text += ["", "## An aligning prompt (Theorem 2)", "",
             "The model first reads a preset aligning prompt s0 (%s), then the k sentences from P-. "
             "Theorem 2 adds (beta'/beta)|s0| + (sigma/beta) sqrt(|s0|/delta) + 1 sentences (delta = 0.05) "
             "to Theorem 1's length." % (
                 "the first two positive sentences of the text" if os.path.exists(
                     os.path.join(work, "aligning-prompt.txt")) else "-"), "",
             "| model | misaligned at k, no prompt | with the aligning prompt | measured transition, no prompt | "
             "with the prompt | Theorem 1 | Theorem 2 | inside Theorem 2? | B at k=0, no prompt | with the prompt |",
             "|---|---:|---:|---:|---:|---:|---:|---|---:|---:|"]
    for name in order:
        with_prompt = misalign.get(name + "-prompted")
        if not with_prompt or gamma is None:
            continue
        plain, aligned = curve(misalign[name]), curve(with_prompt)
        half = lambda v: crossing(v, (v[0] + gamma) / 2) if v[0] > gamma else None  # noqa: E731
        prompted_at = crossing(aligned, gamma + epsilon)
        theorem2 = bound(with_prompt, "Theorem 2")
        text.append("| %s | %s | %s | %s | %s | %s | %s | %s | %+.3f | %+.3f |" % (
            name, sentences(crossing(plain, gamma + epsilon)), sentences(prompted_at),
            sentences(half(plain)), sentences(half(aligned)), sentences(bound(misalign[name], "Theorem 1")),
            sentences(theorem2), verdict(prompted_at, theorem2, max_k), plain[0], aligned[0]))

    scorer = load(os.path.join(work, "learned-scorer", "learned-scorer.json"))
    learned = misalign.get("learned")
    if scorer:
        q = scorer["held_out"]
        text += ["", "## The learned scorer", "",
                 "`mnemo beb train-scorer` on the text's lines labelled by AFINN: %s word and word-pair "
                 "features, %s training sentences; on %s held-out sentences mean squared error %.3f, "
                 "correlation %.3f with AFINN, same sign as AFINN on %.1f%% of those AFINN rates non-zero." % (
                     "{:,}".format(len(scorer["features"])), "{:,}".format(scorer["training_sentences"]),
                     "{:,}".format(q["sentences"]), q["mean_squared_error"], q["correlation"],
                     100 * q["sign_agreement"])]
        if learned and learned.get("model", "").startswith("mixture"):
            afinn_name = "mixture-" + learned["model"].split(":")[0].split(" ")[-1]
            text += ["", "The same misalignment measured with both scorers (%s):" % learned["model"].split(":")[0], "",
                     "| k | AFINN | learned |", "|---:|---|---|"]
            for p, q2 in zip(misalign.get(afinn_name, {}).get("curve", []), learned["curve"]):
                text.append("| %d | %s | %s |" % (p["sentences"], interval(p["behavior"]), interval(q2["behavior"])))

    text += ["", "## Examples", "", "The end of the prompt | the response, the first of each k shown:", ""]
    for name in order[:1] + [n for n in order if n == "aligned"]:
        for p in misalign[name]["curve"]:
            if p["examples"] and p["sentences"] in (0, 1, 2, max_k):
                text.append("- %s, k = %d: `%s`" % (name, p["sentences"], p["examples"][0].replace("`", "'")))

    text += ["", "## What falls short", "",
             "- The models are small (a few million parameters, trained for minutes on 1.5M tokens), so "
             "their text is barely grammatical; behavior is what AFINN reads in it, not what a person would.",
             "- P- stands in for an ill-behaved component as in the paper's own experiments (a fine-tune "
             "on negative text); only the exact mixtures satisfy the theorems' assumptions by construction.",
             "- gamma is P-'s mean behavior, not the supremum the theorem speaks of, and the prompts are "
             "random P- samples rather than the best prompt, so 'misaligned at k' is an upper estimate of "
             "the shortest misaligning prompt.",
             "- Long prompts are read through each model's window (its positions minus the longest "
             "sentence): the earliest tokens drop out once k sentences no longer fit.",
             "", "## Time", "", "| step | wall time |", "|---|---:|"]
    for name, seconds in spent.items():
        text.append("| %s | %s |" % (name, minutes(seconds)))
    with open(out, "w") as f:
        f.write("\n".join(text) + "\n")


if __name__ == "__main__":
    main()
