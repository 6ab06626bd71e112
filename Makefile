# The two commands of the README. Both install what they need first (scripts/bootstrap.sh).
.PHONY: sample test lint setup bench

setup:
	bash scripts/bootstrap.sh

## Build the sample workspace (sample/) into output/ (a link to sample/output/).
sample: setup
	rm -rf sample
	abmcontent init sample
	abmcontent validate --workspace sample
	abmcontent build --workspace sample
	ln -sfn sample/output output
	@echo "Documents are in output/ (open output/index.html when present)."

## Run the whole test suite: lint, type checks and tests.
test: setup
	ruff check abmcontent tests benchmarks scripts
	mypy
	python3 -m pytest -n 2 -q

bench: setup
	for b in benchmarks/bench_*.py; do python3 $$b; done
