"""axe-core (pinned in scripts/setup.sh --dev, installed in .cache/axe) run on a page the browser
test visits: the page must have no violations. Evaluated through the DevTools protocol, so the
app's Content-Security-Policy needs no exception for it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

AXE = Path(__file__).resolve().parents[2] / ".cache/axe/node_modules/axe-core/axe.min.js"
RUN = """async () => {
  const r = await axe.run(document, {resultTypes: ['violations']});
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
}"""


def violations(page: Any) -> list[dict[str, Any]]:
    """axe's violations on the page as it stands (rule id, impact, the first nodes)."""
    if not AXE.exists():
        pytest.fail("axe-core is not installed: run scripts/setup.sh --dev")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    return list(page.evaluate(RUN))


def assert_accessible(page: Any) -> None:
    found = violations(page)
    assert found == [], (page.url, found)
