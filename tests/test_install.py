"""The package installs with the pip that ships with Python (not upgraded) and reads HTML and text afterwards.

Builds a wheel of this checkout, installs it into a fresh venv made by ``python -m venv`` (its bundled pip), and
runs the installed ``marsad analyze`` on an HTML page and a plain-text article. Dependencies come from the package
registry, so the test needs it; it is skipped only where no registry answers (set MARSAD_SKIP_INSTALL_TEST=1).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"

pytestmark = pytest.mark.skipif(
    os.environ.get("MARSAD_SKIP_INSTALL_TEST") == "1", reason="MARSAD_SKIP_INSTALL_TEST=1"
)


def _run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    """Run ``cmd``, failing the test with its output when it exits non-zero."""
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=900, **kwargs)
    assert done.returncode == 0, f"{' '.join(map(str, cmd))} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv (bundled pip, never upgraded) with the wheel of this checkout installed; returns its bin dir."""
    tmp = tmp_path_factory.mktemp("install")
    env_dir = tmp / "venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    bin_dir = env_dir / ("Scripts" if sys.platform == "win32" else "bin")
    pip = [str(bin_dir / "python"), "-m", "pip"]
    _run([*pip, "wheel", "--no-deps", "--quiet", "-w", str(tmp / "dist"), str(ROOT)])
    wheels = list((tmp / "dist").glob("marsad-*.whl"))
    assert len(wheels) == 1, wheels
    _run([*pip, "install", "--quiet", str(wheels[0])])
    return bin_dir


def test_install_bundled_pip_is_not_upgraded(installed: Path) -> None:
    """The venv's pip is the one bundled with this Python (ensurepip), so the check means what it says."""
    import ensurepip

    version = _run([str(installed / "python"), "-m", "pip", "--version"]).stdout.split()[1]
    assert version == ensurepip.version()


def test_install_plain_pip_analyzes_html_page(installed: Path) -> None:
    """The installed ``marsad analyze`` reads an HTML page: title, byline, date, body and entities."""
    done = _run([str(installed / "marsad"), "analyze", str(DATA / "pages" / "summit-2019.html"), "--json"])
    (article,) = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    assert article["title"].startswith("\u0642\u0645\u0629")  # "qimma" (summit)
    assert article["byline"] == "\u062d\u0633\u0627\u0645 \u0627\u0644\u062c\u0628\u0627\u0644\u064a"
    assert article["published_at"].startswith("2019-04-25")
    assert "\u0641\u0644\u0627\u062f\u064a\u0641\u0648\u0633\u062a\u0648\u0643" in article["body"]  # Vladivostok
    assert "\u0627\u0644\u0623\u0643\u062b\u0631 \u0642\u0631\u0627\u0621\u0629" not in article["body"]  # "most read"
    assert article["entities"]


def test_install_plain_pip_analyzes_text_article(installed: Path) -> None:
    """The installed ``marsad analyze`` reads a plain-text article and resolves its relative dates."""
    seed = DATA / "seeds" / "000_fc13acc477961b1c.txt"
    done = _run([str(installed / "marsad"), "analyze", str(seed), "--published", "2019-04-25", "--json"])
    (article,) = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    assert article["body"] and article["entities"] and article["quotes"]
    assert any(t["value"] == "2019-04-25" for t in article["times"])


def test_install_wheel_ships_the_web_ui(installed: Path) -> None:
    """The wheel holds the page templates and the style sheet, and ``marsad serve`` builds its app from them."""
    probe = ("import pathlib, marsad.interfaces.http as h; root = pathlib.Path(h.__file__).parent; "
             "names = sorted(p.name for p in (root / 'templates').glob('*.html')) + ['style.css'] * (root / 'static' / 'style.css').is_file(); "
             "h.create_app(h.ServeSettings(db=':memory:')); print(' '.join(names))")
    names = _run([str(installed / "python"), "-c", probe]).stdout.split()
    assert {"base.html", "story.html", "article.html", "entity.html", "search.html", "style.css"} <= set(names)
    assert "--token-file" in _run([str(installed / "marsad"), "serve", "--help"]).stdout
