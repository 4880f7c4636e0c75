"""Can the label be read off the text without judging it? Shortcut rules on a release's chains.

A judge trained on DRQA tuples should learn what "correct and concise" means. If a trivial rule
predicts the label from the surface (batch markers left in batched chains, the chain's length),
the judge can learn the rule instead. This benchmark fits two such rules on half of a release's
problems and scores them on the other half, against the label prior (always the commonest label):

- **marker-only**: does the chain hold a batch marker ("Question 2", "Answer to Question 2",
  "Q2", "Problem 2", "**2.**", "the second question", "both questions")? Each side predicts its
  commonest label.
- **length-only**: the chain's length in characters, in ten quantile bins fitted on the training
  half; each bin predicts its commonest label.

Both run on the text the judge task used before this change (``chain``: thinking + answer section
as cut, batch scaffolding kept) and after (``drqa.trainer.task.judge_chain_texts``: scaffolding
removed by ``drqa.labeling.scaffold``). Accuracy and macro recall are reported on the
labels as released, balanced as the judge task trains on them (downsampled to the rarest), and
balanced over finished chains only (a chain cut off by the length limit is long and C by what it
shows: no final answer; that is no shortcut).

The release is built from real traces (``../shared/data/traces/reasoning_traces.jsonl``): single
traces as they are (A/C), and 2, 3 or 5 finished traces of one model stitched into batched
responses in the forms of ``benchmarks/split_eval_sets.py`` (B/C), imported with
``drqa import-generations``, labelled with ``drqa label`` and released. Without the traces it
falls back to ``drqa.testing.synthetic_release`` (whose batched answer sections hold
"Answer to Question k"). Run: ``python benchmarks/label_shortcuts.py [--singles 400]
[--batched 300] [--json]``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parents[1]
TRACES = ROOT / ".." / "shared" / "data" / "traces" / "reasoning_traces.jsonl"
MARKER = re.compile(  # the batch's scaffolding as a reader would spot it
    r"\b(?:question|problem|task)\s*#?\s*\(?\d{1,2}\)?(?![\d.,]\d)|"
    r"\banswer\s*(?:to\s+(?:question|problem)\s*)?\(?\d{1,2}\)?\s*[:.)]|\bQ\d{1,2}\b|"
    r"\*\*\(?\d{1,2}\)?[.):]\*\*|"
    r"\b(?:first|second|third|fourth|fifth|next|other)\s+(?:question|problem)s?\b|"
    r"\b(?:both|all|these|the)\s+(?:two|three|five|\d)?\s*(?:questions|problems)\b",
    re.I,
)


def _split_eval():
    spec = importlib.util.spec_from_file_location("split_eval_sets", ROOT / "benchmarks" /
                                                  "split_eval_sets.py")  # fmt: skip
    module = importlib.util.module_from_spec(spec)
    sys.modules["split_eval_sets"] = module
    spec.loader.exec_module(module)
    return module


def trace_rows(singles: int, batched: int, seed: int = 5) -> list[dict]:
    """Import rows: single traces as they are and stitched batched responses (with golds)."""
    from drqa.labeling.split import separate_thinking

    ev = _split_eval()
    rows = [json.loads(line) for line in TRACES.open(encoding="utf-8")]
    rng = random.Random(seed)
    rng.shuffle(rows)
    out = [{"id": r["id"], "problem": r["problem"], "gold": r["gold"], "model": r["model"],
            "response": r["response"]} for r in rows[:singles]]  # fmt: skip
    finished: dict[str, list[tuple[dict, object]]] = {}
    for row in rows[singles:]:
        if not row.get("has_think_close"):
            continue
        parts = separate_thinking(row["response"], starts_in_thinking=True)
        if "\\boxed" in parts.answer_part and len(parts.thinking) > 200:
            finished.setdefault(row["model"], []).append((row, parts))
    models = sorted(m for m, pool in finished.items() if len(pool) >= 10)
    for i in range(batched if models else 0):
        thinking_form, answer_form = ev.STITCH_FORMS[i % len(ev.STITCH_FORMS)]
        group = rng.sample(finished[models[i % len(models)]], (2, 3, 5)[i % 3])
        answers = [re.findall(r"\\boxed\{([^{}]*)\}", p.answer_part)[-1:] or [""]
                   for _, p in group]  # fmt: skip
        thinking = "\n\n".join(ev._thinking_block(thinking_form, k, r["problem"], p.thinking)
                               for k, (r, p) in enumerate(group, 1))  # fmt: skip
        answer_part = ev._answer_lines(answer_form, [a[0] for a in answers],
                                       [p.answer_part for _, p in group])  # fmt: skip
        out.append({
            "id": f"stitched-{i}", "problems": [r["problem"] for r, _ in group],
            "golds": [r["gold"] for r, _ in group], "model": group[0][0]["model"],
            "response": f"{thinking}\n</think>\n\n{answer_part}",
        })  # fmt: skip
    return out


def build_release(folder: Path, singles: int, batched: int) -> tuple[Path, str]:
    """A labelled, released workspace from the traces (or the synthetic corpus)."""
    from drqa.builders.ingest.config import DecontaminationConfig
    from drqa.builders.release.snapshot import make_release
    from drqa.labeling.importer import import_generations
    from drqa.labeling.label_stage import label_workspace
    from drqa.workspace import Workspace

    ws = Workspace.resolve(folder / "ws")
    if TRACES.is_file():
        path = folder / "generations.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for row in trace_rows(singles, batched):
                handle.write(json.dumps(row) + "\n")
        import_generations(path, ws, starts_in_thinking=True,
                           decontamination=DecontaminationConfig(enabled=False))  # fmt: skip
        label_workspace(ws, show_progress=False)
        source = f"real traces: {singles} single, {batched} stitched batched responses"
    else:
        from drqa.testing.synthetic_release import write_synthetic_corpus

        write_synthetic_corpus(ws, 200, seed=3, unsplittable_rate=0.0, words_per_chain=60)
        source = "synthetic corpus (no ../shared traces)"
    release = make_release(ws, "0.1.0", override="benchmark: shortcut rules")
    return release, source


def fit_predict(train_keys: list, train_labels: list, test_keys: list) -> list:
    """Each key predicts its commonest training label (the prior for unseen keys)."""
    prior = Counter(train_labels).most_common(1)[0][0]
    by_key: dict = {}
    for key, label in zip(train_keys, train_labels, strict=True):
        by_key.setdefault(key, Counter())[label] += 1
    return [by_key[k].most_common(1)[0][0] if k in by_key else prior for k in test_keys]


def scores(truth: list, predicted: list) -> dict[str, float]:
    """Accuracy and macro recall (the mean over labels of the share of each label found)."""
    accuracy = sum(t == p for t, p in zip(truth, predicted, strict=True)) / len(truth)
    recalls = []
    for label in sorted(set(truth)):
        idx = [i for i, t in enumerate(truth) if t == label]
        recalls.append(sum(predicted[i] == label for i in idx) / len(idx))
    return {"accuracy": round(accuracy, 3), "macro_recall": round(sum(recalls) / len(recalls), 3)}


def length_bins(train: list[int], values: list[int], bins: int = 10) -> list[int]:
    """Quantile bin of each value, with edges fitted on ``train``."""
    ordered = sorted(train)
    edges = [ordered[int(len(ordered) * q / bins)] for q in range(1, bins)]
    return [sum(v > e for e in edges) for v in values]


def shortcut_table(labels: pl.DataFrame) -> dict:
    """Marker-only and length-only rules on the text before and after scaffold removal."""
    from drqa.trainer.task import judge_chain_texts, validation_problems

    after, _ = judge_chain_texts(labels)
    texts = {"before": labels["chain"].fill_null("").to_list(), "after": after}
    held = validation_problems(labels["problem_id"].unique().sort().to_list(), 0.5, seed=1)
    test = [pid in held for pid in labels["problem_id"].to_list()]
    truth = labels["label"].to_list()
    tr = [i for i, t in enumerate(test) if not t]
    te = [i for i, t in enumerate(test) if t]
    y_train, y_test = [truth[i] for i in tr], [truth[i] for i in te]
    prior = scores(y_test, fit_predict([0] * len(tr), y_train, [0] * len(te)))
    result = {"rows": labels.height, "test_rows": len(te), "labels": dict(Counter(truth)),
              "prior": prior}  # fmt: skip
    for when, text in texts.items():
        marker = [bool(MARKER.search(t)) for t in text]
        length = [len(t) for t in text]
        bins = length_bins([length[i] for i in tr], length)
        result[when] = {
            "marker_share": {
                label: round(
                    sum(m for m, y in zip(marker, truth, strict=True) if y == label)
                    / max(1, truth.count(label)),
                    3,
                )
                for label in sorted(set(truth))
            },  # fmt: skip
            "marker_only": scores(
                y_test, fit_predict([marker[i] for i in tr], y_train, [marker[i] for i in te])
            ),  # fmt: skip
            "length_only": scores(
                y_test, fit_predict([bins[i] for i in tr], y_train, [bins[i] for i in te])
            ),  # fmt: skip
        }
    return result


def balanced(labels: pl.DataFrame) -> pl.DataFrame:
    """The rows as the judge task trains on them by default (``train.task.balance:
    downsample``: as many rows of each label as of the rarest)."""
    from drqa.trainer.task import balance

    return balance(labels, "downsample", seed=0)


def _print(result: dict, title: str) -> None:
    print(f"{title}: {result['rows']} chains {result['labels']}, scored on "
          f"{result['test_rows']} (held-out problems)")  # fmt: skip
    prior = result["prior"]
    print(f"  {'rule':<14}{'text':<8}{'accuracy':>10}{'macro recall':>14}{'vs prior':>10}")
    print(f"  {'label prior':<14}{'-':<8}{prior['accuracy']:>10.3f}{prior['macro_recall']:>14.3f}")
    for rule in ("marker_only", "length_only"):
        for when in ("before", "after"):
            s = result[when][rule]
            gain = 100 * (s["accuracy"] - prior["accuracy"])
            print(f"  {rule:<14}{when:<8}{s['accuracy']:>10.3f}{s['macro_recall']:>14.3f}"
                  f"{gain:>+9.1f}pt")  # fmt: skip
    for when in ("before", "after"):
        print(f"  chains holding a batch marker ({when}), by label: {result[when]['marker_share']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--singles", type=int, default=400)
    parser.add_argument("--batched", type=int, default=300)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        release, source = build_release(Path(tmp), args.singles, args.batched)
        labels = pl.read_parquet(release / "data" / "labels" / "*.parquet")
        result = {
            "source": source,
            "as_released": shortcut_table(labels),
            "balanced": shortcut_table(balanced(labels)),
            # chains that stop without an answer are C by what they show, not by a shortcut
            "balanced_finished": shortcut_table(
                balanced(labels.filter(pl.col("truncation").is_null()))
            ),
        }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"release from {result['source']}")
    _print(result["as_released"], "as released")
    _print(result["balanced"], "balanced like the judge task (downsample)")
    _print(result["balanced_finished"], "balanced, finished chains only (no truncation)")


if __name__ == "__main__":
    main()
