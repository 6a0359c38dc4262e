# Two commands do everything on a fresh clone:
#   make run    install, migrate the embedded SQLite database, load demo articles, serve on 127.0.0.1:8000
#   make test   install, then run the whole suite (SQLite, then PostgreSQL + Redis + a real worker when present)
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test install install-dev install-embedding lint migrate demo worker bench eval lock clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet --require-hashes -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PIP) install --quiet --require-hashes -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Optional extra: the sentence-embedding claim matcher (PyTorch CPU, about 1.5 GB).
install-embedding: $(VENV)/.installed
	$(PIP) install --quiet --require-hashes -r requirements-embedding.txt

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

run: demo
	@echo "Serving on http://$(HOST):$(PORT)/admin/ (extraction runs in a background worker; Ctrl-C stops both)"
	$(PY) manage.py serve $(HOST):$(PORT)

test: install-dev
	bash scripts/test-suite.sh

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

worker: install
	$(VENV)/bin/celery -A newsroom worker --loglevel=INFO

bench: install-dev
	$(PY) bench/extract.py

# Precision/recall/F1 per category on the dev and blind test corpora, the seeds and the older test
# articles, beside plain spaCy; fails when a figure drops below the floor recorded in eval/thresholds.json.
eval: install-dev
	$(PY) bench/eval.py --min-file eval/thresholds.json

# Re-pin requirements.txt and requirements-dev.txt (with hashes) from the .in files.
LOCK := $(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links
lock:
	$(PIP) install --quiet pip-tools
	$(LOCK) -o requirements.txt requirements.in
	$(LOCK) -o requirements-dev.txt requirements-dev.in
	$(LOCK) -o requirements-embedding.txt requirements-embedding.in

clean:
	rm -rf $(VENV) db.sqlite3 artifacts staticfiles
