"""The real Argilla web UI in headless Chromium: sign in, open the round, read what an annotator
reads (question, the other questions of its prompt, why the label was proposed, the answers, the
chain), judge the answer and the split, submit, pull (the label follows).

Uses Debian's ``chromium`` (never a downloaded browser) driven by Playwright; the screenshots are
kept in ``test-artifacts/`` (gitignored) next to the repository root.
"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import httpx
import pytest

pytestmark = [pytest.mark.review, pytest.mark.browser]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _submitted_by_owner(server, dataset_id: str) -> int:
    answer = httpx.get(
        f"{server.url}/api/v1/me/datasets/{dataset_id}/metrics",
        headers={"X-Argilla-Api-Key": server.handle.api_key},
        timeout=10,
    )
    answer.raise_for_status()
    return answer.json()["responses"]["submitted"]


BATCH = 4  # a batch size no synthetic chain has: its stratum is always pushed


def _add_batched_prompt(ws) -> None:
    """Four chains of one batched prompt whose questions carry TeX; their ids sort first."""
    with ws.write("browser test batch") as con:
        if con.execute("SELECT count(*) FROM chains WHERE request_id = '0batch'").fetchone()[0]:
            return
        for position in range(BATCH):
            a, b = 11 + position, 3 + position
            con.execute(
                "INSERT INTO problems (problem_id, source_id, source_row, problem, answer, "
                "created_at) VALUES (?, 'browser', ?, ?, ?, now())",
                [f"0batch-p{position}", position,
                 f"What is \\({a} \\times {b}\\)? Give it as \\[n = {a} \\cdot {b}\\]",
                 str(a * b)],
            )  # fmt: skip
            con.execute(
                "INSERT INTO chains (chain_id, request_id, run_id, problem_id, batch_size, "
                "position, sample_index, reasoning, answer, split_status, split_confidence, "
                "verify_status, label, label_reason, needs_review, label_rule, "
                "verifier_version, splitter_version, total_tokens, model, labelled_at) "
                "VALUES (?, '0batch', 'synthetic-run', ?, ?, ?, 0, ?, ?, 'ok', 0.9, 'correct', "
                "'B', 'batched_correct', false, 'abc-rules@1', 'v', 's', 50, 'm', now())",
                [f"0batch-q{position}", f"0batch-p{position}", BATCH, position,
                 f"So \\({a} \\times {b} = {a * b}\\).", str(a * b)],
            )  # fmt: skip


def test_annotator_labels_in_the_web_ui_and_pull_sees_it(review_server):
    playwright = pytest.importorskip("playwright.sync_api")
    if not shutil.which(CHROMIUM):
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    from drqa.curation_ui.pull import pull
    from drqa.curation_ui.push import push

    _add_batched_prompt(review_server.ws)
    try:
        _label_in_the_browser(review_server, playwright, pull, push)
    finally:  # the session's workspace is shared: take the browser batch out again
        _remove_batched_prompt(review_server.ws)


def _remove_batched_prompt(ws) -> None:
    with ws.write("browser test batch removed") as con:
        for table in ("reviews", "review_items"):
            con.execute(f"DELETE FROM {table} WHERE chain_id LIKE '0batch-%'")
        con.execute("DELETE FROM chains WHERE request_id = '0batch'")
        con.execute("DELETE FROM problems WHERE problem_id LIKE '0batch-%'")


def _label_in_the_browser(review_server, playwright, pull, push) -> None:
    summary = push(review_server.ws, round_name="ui", per_stratum=2, audit_share=0.0)
    handle = review_server.handle
    ARTIFACTS.mkdir(exist_ok=True)
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1500})
            page.goto(f"{handle.url}/sign-in", wait_until="networkidle")
            page.fill("input[name=Username]", handle.username)
            page.fill("input[name=Password]", handle.password)
            page.click("button[type=submit]")
            page.get_by_text(summary.dataset).first.click()
            page.wait_for_url("**/annotation-mode**")
            dataset_id = page.url.split("/dataset/")[1].split("/")[0]
            page.get_by_text("Why this label was proposed").first.wait_for()
            page.wait_for_load_state("networkidle")
            for title in ("Question", "Asked together with", "Why this label was proposed",
                          "Model's final answer", "Gold answer", "Model's reasoning"):  # fmt: skip
                assert page.get_by_text(title, exact=True).first.is_visible(), title
            assert page.get_by_text("Proposed: B").first.is_visible()
            assert page.get_by_text("Certainty of the proposed label").first.is_visible()
            summary_line = page.locator("summary", has_text="other questions asked").first
            assert summary_line.is_visible()  # collapsed until clicked
            assert page.locator(".katex").count() > 0  # \(..\) rendered as maths
            page.screenshot(path=str(ARTIFACTS / "review-ui-record.png"), full_page=True)
            summary_line.click()
            page.get_by_text("other questions asked").first.wait_for()
            page.screenshot(path=str(ARTIFACTS / "review-ui-siblings.png"), full_page=True)
            question = page.get_by_text("What is").first.inner_text()
            assert page.get_by_text("Is the model's final answer right?").first.is_visible()
            assert page.get_by_text("About its own question only, and complete").first.is_visible()
            assert page.get_by_text("A - single question").count() == 0  # never offered
            # the rules' suggestions (correct; own question only) are pre-selected: change one
            page.click("label[for=correctness_incorrect]")
            page.click("button.button--submit")
            deadline = time.monotonic() + 30
            while _submitted_by_owner(review_server, dataset_id) < 1:
                assert time.monotonic() < deadline, "the UI's submission never reached the server"
                time.sleep(0.25)
            page.goto(page.url.split("?")[0] + "?page=1&status=submitted")
            page.get_by_text("Why this label was proposed").first.wait_for()
            page.wait_for_load_state("networkidle")
            assert " ".join(page.get_by_text("What is").first.inner_text().split()) == " ".join(
                question.split()
            )
            page.screenshot(path=str(ARTIFACTS / "review-ui-submitted.png"), full_page=True)
        finally:
            browser.close()

    pull(review_server.ws, round_name="ui")
    with review_server.ws.read() as con:
        rows = con.execute(
            """
            SELECT r.label, p.problem FROM reviews r
            JOIN chains c USING (chain_id) JOIN problems p USING (problem_id)
            WHERE r.dataset = ? AND r.reviewer = ?
            """,
            [summary.dataset, handle.username],
        ).fetchall()
    assert [label for label, _ in rows] == ["C"]  # incorrect -> C, derived on pull
    a, b = re.findall(r"\d+", rows[0][1])[:2]  # "What is \(11 \times 3\)? ..." as KaTeX shows it
    assert question.split()[:6] == ["What", "is", a, "×", b, "?"], question
