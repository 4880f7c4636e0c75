"""Token counts come from the generation's own usage when it has one (a batched response's usage
shared among its chains), from the re-counted text only when it has none, and the report says
which."""

from __future__ import annotations

from drqa.labeling.tokens import USAGE_METHOD, USAGE_SHARE_METHOD, count_chain_tokens
from drqa.testing.synthetic_release import write_synthetic_corpus
from drqa.workspace import open_workspace


def test_usage_wins_and_is_shared_by_text_length():
    rows = [
        {"request_id": "r1", "thinking": "a b c", "answer_section": "d", "completion_tokens": 96},
        {"request_id": "r2", "thinking": "one two three", "answer_section": "four",
         "completion_tokens": 60},
        {"request_id": "r2", "thinking": "five", "answer_section": "six", "completion_tokens": 60},
        {"request_id": "r3", "thinking": "x y", "answer_section": "z", "completion_tokens": None},
    ]  # fmt: skip
    count_chain_tokens(rows)
    single, first, second, unknown = rows
    assert (single["token_method"], single["total_tokens"]) == (USAGE_METHOD, 96)
    assert single["thinking_tokens"] + single["answer_tokens"] == 96
    assert first["token_method"] == second["token_method"] == USAGE_SHARE_METHOD
    assert first["total_tokens"] + second["total_tokens"] == 60
    assert first["total_tokens"] > second["total_tokens"]  # the longer chain, the larger share
    assert unknown["token_method"].startswith("approx:") and unknown["total_tokens"] == 3


def test_on_a_workspace_labelling_takes_usage_and_the_report_names_the_source(tmp_path):
    from drqa.labeling.label_stage import label_workspace
    from drqa.labeling.report import build_report

    ws = open_workspace(tmp_path / "ws", create=True)
    write_synthetic_corpus(ws, 12, batch_sizes=(1, 2), seed=5)
    with ws.write("test: relabel, half the generations without usage") as con:
        con.execute("DELETE FROM chains")
        con.execute(
            "UPDATE generations SET completion_tokens = NULL WHERE request_id IN "
            "(SELECT request_id FROM generations ORDER BY request_id LIMIT 6)"
        )
    label_workspace(ws, show_progress=False)
    with ws.read() as con:
        rows = con.execute(
            "SELECT c.request_id, r.batch_size, g.completion_tokens, c.token_method, "
            "sum(c.total_tokens) FROM chains c JOIN generations g USING (request_id) "
            "JOIN requests r USING (request_id) GROUP BY ALL"
        ).fetchall()
    assert rows
    seen = set()
    for _, size, usage, method, total in rows:
        if usage is None:
            assert not method.startswith("usage"), method
            seen.add("text")
        elif size == 1:
            assert (method, total) == (USAGE_METHOD, usage)
            seen.add(USAGE_METHOD)
        else:
            assert method == USAGE_SHARE_METHOD and abs(total - usage) <= size
            seen.add(USAGE_SHARE_METHOD)
    assert seen == {"text", USAGE_METHOD, USAGE_SHARE_METHOD}
    report = build_report(ws, plots=False)
    assert {USAGE_METHOD, USAGE_SHARE_METHOD} <= set(report.token_sources)
    assert any(note.startswith("token counts:") and "usage" in note for note in report.notes)
