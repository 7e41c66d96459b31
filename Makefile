# Semak: the two commands of the README are `make run` and `make test`.
.PHONY: setup run test lint bench-ocr bench-docs bench-archive bench-verdicts sample-docs docker-smoke clean

setup:
	scripts/setup.sh

run:
	scripts/run.sh

test:
	scripts/test.sh

lint:
	scripts/setup.sh --dev
	.venv/bin/ruff check .
	.venv/bin/ruff format --check intake verifier semak app.py worker.py
	.venv/bin/mypy

bench-ocr:
	scripts/setup.sh --dev
	.venv/bin/python -m bench.ocr

bench-docs:
	scripts/setup.sh --dev
	.venv/bin/python -m bench.docs

bench-archive:
	scripts/setup.sh --dev
	.venv/bin/python -m bench.archive

bench-verdicts:
	scripts/setup.sh --dev
	.venv/bin/python -m bench.verdicts

sample-docs:
	scripts/setup.sh
	.venv/bin/python -m sample_docs.generate --out sample_docs/bundles

clean:
	rm -rf instance/ .pytest_cache .mypy_cache .ruff_cache bench/out

docker-smoke:
	scripts/setup.sh
	scripts/docker-smoke.sh
