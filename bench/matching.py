"""Claim-matcher benchmark: precision, recall and F1 on bench/data/claim_pairs.jsonl.

    .venv/bin/python bench/matching.py [--auto 0.8] [--review 0.5] [--backend lexical|embedding] [--json]

Figures for the matcher at both thresholds (above ``auto`` a pair is linked without an editor; above
``review`` it is at least suggested), side by side with two baselines: exact number-and-unit equality,
and difflib's ratio on the normalised texts. Runs without Django or a database; the thresholds default
to the values in newsroom/settings/base.py (NEWSROOM_MATCH_AUTO_LINK / NEWSROOM_MATCH_REVIEW).
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from apps.tracking.matching import ClaimDoc, Quantity, make_matcher, normalize_unit  # noqa: E402
from apps.tracking.matching.lexical import normalize_text  # noqa: E402

DATA = ROOT / "bench" / "data" / "claim_pairs.jsonl"


def _setting(name: str, default: float) -> float:
    """The configured threshold: environment first, then the literal default in settings/base.py."""
    if name in os.environ:
        return float(os.environ[name])
    text = (ROOT / "newsroom" / "settings" / "base.py").read_text()
    m = re.search(rf'{name}\s*=\s*env\.float\("{name}",\s*default=([0-9.]+)\)', text)
    return float(m.group(1)) if m else default


def load(path: Path) -> list[dict]:
    with path.open() as fh:
        return [json.loads(line) for line in fh if line.strip()]


def to_doc(key: str, item: dict) -> ClaimDoc:
    q = item.get("quantity")
    quantity = Quantity(float(q["value"]), q.get("unit") or "", q.get("qualifier") or "") if q else None
    return ClaimDoc(
        key=key, text=item["text"], quantity=quantity, actors=frozenset(a.lower() for a in item.get("actors", []))
    )


def prf(pred: list[bool], gold: list[bool]) -> dict:
    tp = sum(p and g for p, g in zip(pred, gold, strict=True))
    fp = sum(p and not g for p, g in zip(pred, gold, strict=True))
    fn = sum(g and not p for p, g in zip(pred, gold, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def exact_number(a: ClaimDoc, b: ClaimDoc) -> bool:
    return bool(
        a.quantity
        and b.quantity
        and a.quantity.value == b.quantity.value
        and normalize_unit(a.quantity.unit) == normalize_unit(b.quantity.unit)
    )


def difflib_ratio(a: ClaimDoc, b: ClaimDoc) -> float:
    return difflib.SequenceMatcher(None, normalize_text(a.text), normalize_text(b.text)).ratio()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--auto", type=float, default=_setting("NEWSROOM_MATCH_AUTO_LINK", 0.8))
    parser.add_argument("--review", type=float, default=_setting("NEWSROOM_MATCH_REVIEW", 0.5))
    parser.add_argument("--backend", default="lexical", choices=["lexical", "embedding"])
    parser.add_argument("--difflib-threshold", type=float, default=0.6)
    parser.add_argument("--json", action="store_true", help="print one JSON document instead of a table")
    parser.add_argument("--errors", action="store_true", help="list the pairs the matcher gets wrong")
    args = parser.parse_args(argv)

    pairs = load(args.data)
    gold = [bool(p["label"]) for p in pairs]
    docs_a = [to_doc(f"{p['id']}:a", p["a"]) for p in pairs]
    docs_b = [to_doc(f"{p['id']}:b", p["b"]) for p in pairs]

    matcher = make_matcher(args.backend)
    t0 = time.perf_counter()
    matcher.fit(docs_a + docs_b)
    t_fit = time.perf_counter() - t0
    t0 = time.perf_counter()
    scores = [matcher.score(a, b) for a, b in zip(docs_a, docs_b, strict=True)]
    t_score = time.perf_counter() - t0

    t0 = time.perf_counter()
    exact = [exact_number(a, b) for a, b in zip(docs_a, docs_b, strict=True)]
    t_exact = time.perf_counter() - t0
    t0 = time.perf_counter()
    ratios = [difflib_ratio(a, b) for a, b in zip(docs_a, docs_b, strict=True)]
    t_diff = time.perf_counter() - t0

    rows = {
        f"{matcher.name} >= auto {args.auto:.2f}": (prf([s.score >= args.auto for s in scores], gold), t_fit + t_score),
        f"{matcher.name} >= review {args.review:.2f}": (
            prf([s.score >= args.review for s in scores], gold),
            t_fit + t_score,
        ),
        "baseline: exact number+unit": (prf(exact, gold), t_exact),
        f"baseline: difflib ratio >= {args.difflib_threshold:.2f}": (
            prf([r >= args.difflib_threshold for r in ratios], gold),
            t_diff,
        ),
    }
    n = len(pairs)
    if args.json:
        print(
            json.dumps(
                {
                    "pairs": n,
                    "positives": sum(gold),
                    "backend": matcher.name,
                    "auto": args.auto,
                    "review": args.review,
                    "results": {k: {**v[0], "ms_per_pair": 1000 * v[1] / n} for k, v in rows.items()},
                },
                indent=2,
            )
        )
    else:
        print(f"claim pairs: {n} ({sum(gold)} positive, {n - sum(gold)} negative) from {args.data.relative_to(ROOT)}")
        print(f"matcher: {matcher.name}; thresholds auto-link {args.auto:.2f}, review {args.review:.2f}\n")
        print(f"{'method':42} {'P':>6} {'R':>6} {'F1':>6}   {'tp':>3} {'fp':>3} {'fn':>3}  {'ms/pair':>8}")
        for name, (r, secs) in rows.items():
            print(
                f"{name:42} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f}   "
                f"{r['tp']:3d} {r['fp']:3d} {r['fn']:3d}  {1000 * secs / n:8.3f}"
            )
        print(
            f"\n{matcher.name}: fit {1000 * t_fit:.1f} ms on {2 * n} claims, scoring {1000 * t_score / n:.3f} ms/pair"
        )
    if args.errors:
        for p, s, g in zip(pairs, scores, gold, strict=True):
            if (s.score >= args.review) != g or (g and s.score < args.auto) or (not g and s.score >= args.auto):
                print(f"{p['id']} label={int(g)} score={s.score:.3f} {s.features()} :: {p['note']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
