#!/usr/bin/python3
"""Which reasoning questions an RMT answers: accuracy by kind of question.

    reasoning_probe.py MODEL [--samples N] [--segments S] [--mnemo BIN] [--noise FILE]
    reasoning_probe.py --write DIR [--samples N]

Writes two-fact stories of the reasoning task (bAbI task 4: "The A is north of the B.")
into one bAbI file per kind and evaluates MODEL on each with `mnemo rmt eval --babi`,
facts at segment starts in noise as in training. The kinds:
  - places: how many places share a fact with the place asked about. With one, the answer
    follows without reading any direction; with two, only the directions tell them apart.
  - wording: whether the question is worded as the fact that answers it ("What is north of
    the B?" after "The A is north of the B.") or the other way round ("The B is south of
    the A.").
Prints a Markdown table. With --write, only writes the four files into DIR (10 x N stories
each, e.g. to train on one kind with `mnemo rmt train --task babi --babi FILE`), and a fifth,
places2-mostly-as-the-fact.txt: the two-place stories worded as the fact with a third as
many of the other way round, shuffled (the middle step of scripts/reasoning-curriculum.sh).
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile

PLACES = ["bathroom", "hallway", "garden", "office", "bedroom", "kitchen"]
DIRECTIONS = ["north", "east", "south", "west"]  # turning order: opposite = +2


def opposite(direction):
    return (direction + 2) % 4


def sentence(near, base, direction, from_base):
    """`near` lies in `direction` of `base`, told from either end."""
    if from_base:
        return f"The {PLACES[base]} is {DIRECTIONS[opposite(direction)]} of the {PLACES[near]}."
    return f"The {PLACES[near]} is {DIRECTIONS[direction]} of the {PLACES[base]}."


def story(rng):
    """One story as bAbI lines and its kind (places, wording)."""
    middle, first, last = rng.sample(range(len(PLACES)), 3)
    relations = [(first, middle, rng.randrange(4))]
    if rng.randrange(2):  # around `middle`, another direction
        relations.append((last, middle, (relations[0][2] + rng.randint(1, 3)) % 4))
    else:  # a chain middle -> first -> last that does not come back to `middle`
        turn = rng.choice([d for d in range(4) if d != opposite(relations[0][2])])
        relations.append((last, first, turn))
    told_from_base = [bool(rng.randrange(2)) for _ in relations]
    facts = [sentence(*r, f) for r, f in zip(relations, told_from_base)]
    asked = rng.randrange(2)
    near, base, direction = relations[asked]
    worded_as_asked = bool(rng.randrange(2))
    if worded_as_asked:
        question = f"What is {DIRECTIONS[direction]} of the {PLACES[base]}?"
    else:
        question = f"What is the {PLACES[base]} {DIRECTIONS[opposite(direction)]} of?"
    sharing = {p for r in relations if base in r[:2] for p in r[:2]} - {base}
    same_wording = worded_as_asked != told_from_base[asked]
    lines = f"1 {facts[0]}\n2 {facts[1]}\n3 {question}\t{PLACES[near]}\t1 2\n"
    return lines, (len(sharing), "as the fact" if same_wording else "the other way round")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", nargs="?")
    parser.add_argument("--samples", type=int, default=200, help="questions of each kind")
    parser.add_argument("--segments", type=int, default=1)
    parser.add_argument("--mnemo", default="build/mnemo")
    parser.add_argument("--noise", default="data/brown.txt")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--write", metavar="DIR", help="write each kind's bAbI file into DIR")
    args = parser.parse_args()
    if (args.model is None) == (args.write is None):
        parser.error("give a MODEL to probe or --write DIR")

    # `rmt eval --babi` asks the last tenth of a file's questions: ten times as many stories.
    per_file = 10 * args.samples
    rng = random.Random(args.seed)
    kinds = {(p, w): [] for p in (1, 2) for w in ("as the fact", "the other way round")}
    while any(len(stories) < per_file for stories in kinds.values()):
        lines, kind = story(rng)
        kinds[kind].append(lines)

    if args.write:
        os.makedirs(args.write, exist_ok=True)
        for (places, wording), stories in kinds.items():
            name = f"places{places}-{wording.replace(' ', '-')}.txt"
            with open(os.path.join(args.write, name), "w") as f:
                f.writelines(stories[:per_file])
            print(os.path.join(args.write, name))
        mostly = (kinds[(2, "as the fact")][:per_file]
                  + kinds[(2, "the other way round")][:per_file // 3])
        random.Random(1).shuffle(mostly)
        name = os.path.join(args.write, "places2-mostly-as-the-fact.txt")
        with open(name, "w") as f:
            f.writelines(mostly)
        print(name)
        return

    print(f"Reasoning by kind of question: {args.model}, {args.segments} segment(s), "
          f"{args.samples} questions a kind\n")
    print("| places sharing a fact with the asked one | question worded | accuracy | 95% CI |")
    print("|---|---|---|---|")
    with tempfile.TemporaryDirectory() as work:
        for (places, wording), stories in kinds.items():
            path = os.path.join(work, "stories.txt")
            with open(path, "w") as f:
                f.writelines(stories[:per_file])
            command = [args.mnemo, "rmt", "eval", "--model", args.model, "--babi", path,
                       "--position", "segment", "--segments", str(args.segments),
                       "--samples", str(args.samples), "--noise", args.noise, "--json"]
            run = subprocess.run(command, capture_output=True, text=True)
            if run.returncode != 0:
                sys.exit(f"reasoning_probe: {' '.join(command)} failed:\n{run.stderr}")
            result = json.loads(run.stdout)["results"][0]
            low, high = result["ci95"]
            print(f"| {places} | {wording} | {100 * result['accuracy']:.1f}% | "
                  f"{100 * low:.1f}-{100 * high:.1f}% |")


if __name__ == "__main__":
    main()
