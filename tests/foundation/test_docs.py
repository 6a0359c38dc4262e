"""The README and docs/ stand alone in a fresh clone: every relative link resolves inside the repository."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")


def relative_links(doc: Path) -> list[str]:
    text = re.sub(r"```.*?```", "", doc.read_text(encoding="utf-8"), flags=re.S)  # code blocks hold no links
    return [t for t in LINK.findall(text) if not re.match(r"[a-z][a-z0-9+.-]*:", t) and not t.startswith("#")]


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_resolves_inside_the_repository(doc):
    broken = []
    for target in relative_links(doc):
        path = (doc.parent / target.split("#", 1)[0]).resolve()
        if not path.is_relative_to(ROOT) or not path.exists():
            broken.append(target)
    assert not broken, f"{doc.name} links to what a fresh clone does not have: {broken}"


def test_the_docs_are_there_and_the_readme_is_short():
    names = {p.name for p in DOCS}
    for name in ("editor-guide.md", "architecture.md", "engine.md", "extraction-contract.md", "api.md"):
        assert name in names
    for name in ("tracking.md", "operations.md", "benchmarks.md"):
        assert name in names
    assert len((ROOT / "README.md").read_text(encoding="utf-8").splitlines()) <= 200
    assert relative_links(ROOT / "README.md")  # the README points somewhere to read on
