"""Agreement on real data: our split + verify against plain math-verify on the text after </think>.

Per model: finished traces (holding ``</think>``) and how many each side judges correct; then
the traces where the verdicts differ (ours ``correct`` vs plain ``correct``), with our chain
status and verdict, our extracted answer, plain math-verify's extraction and the gold, for a
person to say which side is right. Our abstentions (``uncertain``) and cut-off answer sections
(``truncated``) are counted apart. Run:
``python benchmarks/agreement_study.py [--traces PATH] [--benchmark gsm8k] [--show 30]``.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from drqa.labeling.splitter import split_batched_response
from drqa.labeling.verifier import VerifierPool

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared/data/traces/reasoning_traces.jsonl"


def plain_math_verify(gold: str, response: str) -> tuple[bool, str]:
    """math-verify's defaults on the text after ``</think>``: (correct?, what it extracted)."""
    from math_verify import parse, verify

    extracted = parse(response.rsplit("</think>", 1)[1])
    return bool(verify(parse("$" + gold + "$"), extracted)), str(extracted[:1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--traces", type=Path, default=DEFAULT)
    parser.add_argument("--show", type=int, default=30)
    parser.add_argument("--benchmark", default=None, help="only this benchmark (e.g. gsm8k)")
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.traces.open(encoding="utf-8")]
    finished = [r for r in rows if "</think>" in r["response"]]
    if args.benchmark:
        finished = [r for r in finished if r["benchmark"] == args.benchmark]
    chains = [
        split_batched_response(r["response"], 1, starts_in_thinking=True)[0] for r in finished
    ]
    answers = [chain.answer for chain in chains]
    with VerifierPool() as pool:
        ours = [
            v.status
            for v in pool.verify_many(
                [(r["gold"], a) for r, a in zip(finished, answers, strict=True)]
            )
        ]  # noqa: E501
    plain = [plain_math_verify(r["gold"], r["response"]) for r in finished]
    totals: dict[str, Counter] = {}
    for row, verdict, (plain_ok, _) in zip(finished, ours, plain, strict=True):
        c = totals.setdefault(row["model"], Counter())
        c["finished"] += 1
        c["ours"] += verdict == "correct"
        c["plain"] += plain_ok
    print(f"{'model':<46}{'finished':>9}{'ours':>7}{'plain':>7}")
    for model, c in sorted(totals.items()):
        print(f"{model:<46}{c['finished']:>9}{c['ours']:>7}{c['plain']:>7}")
    print(f"{'all':<46}{len(finished):>9}{ours.count('correct'):>7}{sum(p[0] for p in plain):>7}")
    print("our split statuses:", dict(Counter(chain.status for chain in chains)))
    print("our verdicts:", dict(Counter(ours)))
    differ = [
        (row["id"], row["gold"], chain, verdict, extracted)
        for row, chain, verdict, (ok, extracted) in zip(finished, chains, ours, plain, strict=True)
        if (verdict == "correct") != ok
    ]
    print(f"\n{len(differ)} traces differ; the first {min(args.show, len(differ))}:")
    for trace_id, gold, chain, verdict, extracted in differ[: args.show]:
        why = f"{chain.status}/{chain.truncation}" if chain.truncation else chain.status
        print(f"{trace_id} | gold {gold!r} | ours {chain.answer!r} ({why}) -> {verdict} | "
              f"plain {extracted}")  # fmt: skip


if __name__ == "__main__":
    main()
