"""The real Argilla web UI in headless Chromium: sign in, open the round, label, submit, pull.

Uses Debian's ``chromium`` (never a downloaded browser) driven by Playwright; the screenshot is
kept in ``test-artifacts/`` (gitignored) next to the repository root.
"""

from __future__ import annotations

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


def test_annotator_labels_in_the_web_ui_and_pull_sees_it(review_server):
    playwright = pytest.importorskip("playwright.sync_api")
    if not shutil.which(CHROMIUM):
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    from drqa.curation_ui.pull import pull
    from drqa.curation_ui.push import push

    summary = push(review_server.ws, round_name="ui", per_stratum=2, audit_share=0.0)
    handle = review_server.handle
    ARTIFACTS.mkdir(exist_ok=True)
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(f"{handle.url}/sign-in", wait_until="networkidle")
            page.fill("input[name=Username]", handle.username)
            page.fill("input[name=Password]", handle.password)
            page.click("button[type=submit]")
            page.get_by_text(summary.dataset).first.click()
            page.wait_for_url("**/annotation-mode**")
            dataset_id = page.url.split("/dataset/")[1].split("/")[0]
            question = page.get_by_text("What is").first.inner_text()
            page.click("label[for=label_B]")
            page.click("button.button--submit")
            deadline = time.monotonic() + 30
            while _submitted_by_owner(review_server, dataset_id) < 1:
                assert time.monotonic() < deadline, "the UI's submission never reached the server"
                time.sleep(0.25)
            page.goto(page.url.split("?")[0] + "?page=1&status=submitted")
            page.get_by_text(question).first.wait_for()
            page.wait_for_load_state("networkidle")
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
    assert rows == [("B", question)]
