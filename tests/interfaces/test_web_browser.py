"""The web UI in a real headless Chromium (Playwright driving Debian's ``chromium``) against ``marsad serve``
started as a process: the walk home -> story -> entity -> article -> search, right-to-left layout, and an article
full of markup that must show as text and run nothing. Screenshots go to the test's temp dir (and the story page
to ``$MARSAD_SCREENSHOT_DIR/story-page.png`` when that is set: ``docs/img/`` is made so)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

TOKEN = "browser-test-token-0123456789"
XSS_TITLE = "<script>alert(1)</script> \u062e\u0628\u0631 <img src=x onerror=alert(1)>"
XSS_ARTICLE = {
    "id": "xss-1", "source": "evil", "url": "javascript:alert(5)", "published": "2019-04-27",
    "title": XSS_TITLE,
    "text": "\u0642\u0627\u0644 \u0628\u0648\u062a\u064a\u0646 \u0625\u0646 <script>alert(2)</script> "
            "<img src=x onerror=alert(3)> <a href=\"javascript:alert(4)\">\u0631\u0627\u0628\u0637</a> "
            "\u0641\u064a \u0645\u0648\u0633\u0643\u0648.",
}


def free_port() -> int:
    """A TCP port free on loopback now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, proc: subprocess.Popen, log: Path, seconds: float = 90) -> None:
    """Poll ``url`` until it answers; fail with the server's log when it exits or never answers."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"marsad serve exited {proc.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"marsad serve did not answer {url} in {seconds} s:\n{log.read_text()}")


@pytest.fixture(scope="module")
def server(demo_db: Path, tmp_path_factory) -> str:
    """``marsad serve`` on a free loopback port over a copy of the demo archive, with a write token."""
    folder = tmp_path_factory.mktemp("serve")
    db = folder / "serve.db"
    shutil.copy(demo_db, db)
    (folder / "token").write_text(TOKEN + "\n")
    port, log = free_port(), folder / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "marsad", "serve", "--db", str(db), "--port", str(port),
                                 "--token-file", str(folder / "token"), "--log-level", "warning"],
                                stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/healthz", proc, log)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture(scope="module")
def browser(chromium: str):
    """Headless Chromium (Debian's build: Playwright's own browser download is not used)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh page (desktop width, Arabic locale) that records every dialog a script would open."""
    context = browser.new_context(viewport={"width": 1100, "height": 900}, locale="ar")
    pg = context.new_page()
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()


def shot(page, tmp_path: Path, name: str) -> Path:
    """Save a full-page screenshot under the test's temp dir."""
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def assert_rtl(page) -> None:
    """The page is Arabic and laid out right to left."""
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ar"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"


def test_web_browser_walks_home_story_entity_article_search(page, server: str, tmp_path: Path) -> None:
    """Every page is reached by clicking links, shows its content right to left and links its JSON twin."""
    page.goto(server + "/")
    assert_rtl(page)
    assert page.locator("ol.stories li").count() >= 5
    shot(page, tmp_path, "home")

    page.locator("a.story-title").first.click()
    page.wait_for_url("**/stories/*")
    assert_rtl(page)
    assert page.locator("ol.timeline > li").count() >= 2 and page.locator("ul.summary li").count() >= 1
    assert page.locator("details.copies").count() >= 1  # copies of one wire text are folded
    twin = page.locator("a.json").get_attribute("href")
    story = page.request.get(server + twin).json()
    assert twin.startswith("/api/v1/stories/") and page.locator("h1").inner_text() == story["title"]
    shot(page, tmp_path, "story")
    if os.environ.get("MARSAD_SCREENSHOT_DIR"):
        target = Path(os.environ["MARSAD_SCREENSHOT_DIR"])
        target.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(target / "story-page.png"), full_page=False)

    page.set_viewport_size({"width": 390, "height": 844})  # a phone: nothing wider than the screen
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    shot(page, tmp_path, "story-phone")
    page.set_viewport_size({"width": 1100, "height": 900})

    page.locator("section a.chip.ent-PER, section a.chip").first.click()
    page.wait_for_url("**/entities/*")
    assert_rtl(page)
    assert page.locator("ul.variants li").count() >= 1
    assert page.locator("figure.chart svg rect.bar").count() >= 1
    shot(page, tmp_path, "entity")

    page.locator("ol.timeline a[href^='/articles/']").first.click()
    page.wait_for_url("**/articles/*")
    assert_rtl(page)
    marks = page.locator("div.body mark.entity")
    assert marks.count() >= 1 and marks.first.get_attribute("title")
    marks.first.hover()
    shot(page, tmp_path, "article")

    word = page.locator("div.body mark.entity").first.inner_text()
    page.locator("header form.search-box input[name=q]").fill(word)
    page.locator("header form.search-box button").click()
    page.wait_for_url("**/search?*")
    assert_rtl(page)
    assert page.locator("ol.hits > li a.hit-title").count() >= 1 and page.locator("p.snippet mark.match").count() >= 1
    shot(page, tmp_path, "search")
    assert page.dialogs == []


def test_web_browser_injected_markup_shows_as_text_and_runs_nothing(page, server: str, tmp_path: Path) -> None:
    """An article holding <script>, onerror= and javascript: links: no dialog, no DOM change, all shown as text."""
    request = urllib.request.Request(server + "/api/v1/articles", data=json.dumps(XSS_ARTICLE).encode(),
                                     headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        article_id = json.loads(response.read())["ids"][0]
    response = page.goto(f"{server}/articles/{article_id}")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    before = page.evaluate("document.documentElement.outerHTML")
    page.wait_for_timeout(1000)
    assert page.evaluate("document.documentElement.outerHTML") == before
    assert page.dialogs == []
    assert "<script>alert(1)</script>" in page.locator("h1.article-title").inner_text()
    assert "onerror=alert(3)" in page.locator("div.body").inner_text()
    assert page.locator("script").count() == 0 and page.locator("main img").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    shot(page, tmp_path, "injected-article")

    page.goto(f"{server}/search?q=\u0631\u0627\u0628\u0637")
    assert page.dialogs == [] and page.locator("script").count() == 0
    shot(page, tmp_path, "injected-search")
