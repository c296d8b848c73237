# Marsad: `make demo` runs the main job on the bundled sample, `make test` runs the tests.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
DEMO_DB ?= demo/marsad-demo.db
STAMP := $(VENV)/.installed

.PHONY: demo test bench bench-quick eval train-ner lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test,bench]"
	touch $(STAMP)

demo: $(STAMP)
	@mkdir -p demo
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(PY) -m marsad demo --db $(DEMO_DB) --published 2019-04-25 data/sample

test: $(STAMP)
	$(PY) -m pytest -q tests
	$(VENV)/bin/lint-imports

eval: $(STAMP)
	@bash scripts/ensure_postgres.sh || echo "PostgreSQL missing: the search eval's PostgreSQL rows will be absent"
	$(PY) -m evals.run

bench: $(STAMP)
	$(PY) -m bench.run

bench-quick: $(STAMP)
	$(PY) -m bench.run --quick

train-ner: $(STAMP)
	$(PY) -m pip install --quiet -e ".[build,train]"
	$(PY) scripts/build_ner_resources.py
	$(PY) scripts/train_ner.py
	$(PY) scripts/train_ner_nn.py

lint: $(STAMP)
	$(VENV)/bin/lint-imports

clean:
	rm -rf $(VENV) demo .pytest_cache .hypothesis *.egg-info
