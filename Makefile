# « IA & marketing » — set-up and tests in two commands:
#   make lab    create .venv if missing, install everything (local model included), open JupyterLab
#   make test   install if missing, then run the whole test suite
# Both are idempotent: the second run only checks that the installation is up to date.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installation-ok
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab test install doctor bench clean-notebooks exercises

# llama.cpp is compiled for any x86-64 processor with AVX2 rather than for this one: a native build
# uses instructions (AMX) that some virtual machines expose but do not allow, and then crashes.
# A wheel already in pip's cache may have been compiled natively elsewhere: the installation runs
# the model once and recompiles it, portably, if it crashes.
LLAMA_CMAKE_ARGS ?= -DGGML_NATIVE=OFF
LLAMA_SMOKE := from llama_cpp import Llama; from ia_marketing.llm.local import model_path; Llama(str(model_path()), n_ctx=64, verbose=False)('Bonjour', max_tokens=2)

install: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Le cours demande Python 3.11 ou plus récent (trouvé : " + sys.version.split()[0] + ").")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installation des paquets (la première fois, la compilation de llama-cpp-python prend 10 à 15 minutes)…"
	$(BIN)/python -m pip install --upgrade pip
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(BIN)/python -m pip install -e ".[test]"
	$(BIN)/python -c "from ia_marketing.llm.local import model_path; print('Modèle local prêt :', model_path(print))"
	$(BIN)/python -m ia_marketing.instructor.lab_settings
	@$(BIN)/python -c "$(LLAMA_SMOKE)" 2>/dev/null || { \
	  echo "Le modèle local ne tourne pas avec ce llama-cpp-python (compilé pour un autre processeur ?) : nouvelle compilation, portable (8 à 15 minutes)…"; \
	  CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(BIN)/python -m pip install --no-cache-dir --force-reinstall --no-deps \
	    "llama-cpp-python==$$($(BIN)/python -c 'from importlib.metadata import version; print(version("llama_cpp_python"))')" && \
	  $(BIN)/python -c "$(LLAMA_SMOKE)"; }
	@touch $(STAMP)

lab: install
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir="$(CURDIR)" modules/00_prise_en_main.ipynb

# The suite runs in parallel (pytest-xdist, one worker per core); PYTEST_PARALLEL=-n0 runs it in
# one process. One layer: make test PYTEST_ARGS="tests/unit/privacy" or PYTEST_ARGS='-m "not slow"'.
PYTEST_PARALLEL ?= -n auto --dist worksteal

test: install
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python -m pytest $(PYTEST_PARALLEL) $(PYTEST_ARGS)

doctor: install
	$(BIN)/ia-marketing doctor

bench: install
	$(BIN)/ia-marketing bench llm

# Instructor helpers
exercises: install
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/ia-marketing notebooks generate

clean-notebooks: install
	$(BIN)/ia-marketing notebooks clean
