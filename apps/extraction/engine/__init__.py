"""The extraction engine: plain Python, no Django import.

    extract(text, published=..., aliases=...) -> Extraction

The same function runs in the Celery task and in ``manage.py extract``.
"""

from __future__ import annotations

from .contract import to_contract
from .errors import EngineInputError
from .pipeline import ENGINE_VERSION, extract, extract_many
from .types import AliasEntry, Extraction

__all__ = ["ENGINE_VERSION", "AliasEntry", "EngineInputError", "Extraction", "extract", "extract_many", "to_contract"]
