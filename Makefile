# Two commands do all the set-up (see README): `make seeds` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
OUT    ?= out

.PHONY: setup seeds test browser stanza-fixtures clean

setup: $(VENV)/.installed

# torch first, pinned, so that pip never resolves a multi-GB CUDA build for stanza
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[all]'
	touch $@

seeds: setup
	$(BIN)/newskg build seeds -o $(OUT)

# Debian's Chromium for the viewer tests (the browser downloaders cannot work offline)
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "install Debian's chromium package (sudo apt-get install chromium)" >&2; exit 1; fi; }

test: setup browser
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .hypothesis
