"""Print the extraction contract JSON for one article, without touching the database.

See docs/extraction-contract.md.
"""

from __future__ import annotations

import json
import sys
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from apps.articles.ingestion import InputError, decode_bytes, to_text
from apps.extraction.engine import EngineInputError, extract, extract_many, to_contract

JSONL_BATCH = 32


class Command(BaseCommand):
    help = "Extract actors, quotes, claims and commitments from one article (PATH or - for stdin) and print JSON."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default="-", help="file to read, or - for standard input")
        parser.add_argument("--format", choices=["json"], default="json")
        parser.add_argument("--jsonl", action="store_true", help='read {"id", "text"} JSON lines on stdin')
        parser.add_argument("--published", help="article date (YYYY-MM-DD) for resolving relative dates")

    def handle(self, *args, **opts):
        published = None
        if opts["published"]:
            published = date.fromisoformat(opts["published"])
        if opts["jsonl"]:
            return self._jsonl(published)
        try:
            raw = sys.stdin.buffer.read() if opts["path"] == "-" else open(opts["path"], "rb").read()
        except OSError as exc:
            raise CommandError(f"cannot read {opts['path']}: {exc.strerror}") from exc
        try:
            text = to_text(decode_bytes(raw))
            result = extract(text, published=published)
        except (InputError, EngineInputError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(json.dumps(to_contract(result), ensure_ascii=False, indent=2))

    def _jsonl(self, published):
        """One result line per input line; the model is loaded once and texts go through spaCy in batches."""
        batch: list[tuple[int, object, str | None, str | None]] = []  # (line, id, text, error)
        for line_no, line in enumerate(sys.stdin, start=1):
            if not line.strip():
                continue
            item_id, text, error = None, None, None
            try:
                item = json.loads(line)
                if not isinstance(item, dict):
                    raise TypeError("each line must be a JSON object with an id and a text")
                item_id = item.get("id")
                text = to_text(item["text"])
            except KeyError:
                error = "missing key 'text'"
            except (InputError, ValueError, TypeError) as exc:
                error = str(exc)
            batch.append((line_no, item_id, text, error))
            if len(batch) >= JSONL_BATCH:
                self._flush(batch, published)
                batch = []
        if batch:
            self._flush(batch, published)

    def _flush(self, batch, published):
        texts = [text for _, _, text, error in batch if error is None]
        results = iter(extract_many(texts, published=published))
        for line_no, item_id, _text, error in batch:
            if error is None:
                result = next(results)
                if isinstance(result, EngineInputError):
                    error = str(result)
                else:
                    self.stdout.write(json.dumps({"id": item_id, "result": to_contract(result)}, ensure_ascii=False))
                    continue
            self.stdout.write(json.dumps({"id": item_id, "error": f"line {line_no}: {error}"}, ensure_ascii=False))
