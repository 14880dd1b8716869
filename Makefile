# 工会年报 — developer entry points. `make run` and `make test` work on a fresh clone.
#   make run [HOST=127.0.0.1] [PORT=8000]   migrate, load the demo, serve (with the task worker)
#   make test [PYTEST_ARGS="-k members"]   (default: -n auto, one worker per core)
# DATABASE_URL from the environment is passed through (SQLite when unset).

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV        := .venv
PY          := $(VENV)/bin/python
PIP_INSTALL := $(PY) -m pip install --disable-pip-version-check --quiet
MANAGE      := DEBUG=1 $(PY) manage.py
HOST        ?= 127.0.0.1
PORT        ?= 8000
PYTEST_ARGS ?= -n auto

.PHONY: help run test bench lint sysdeps venv venv-dev clean

help:
	@echo "make run      本地运行演示（http://$(HOST):$(PORT)/，可用 PORT=8001 改端口）"
	@echo "make test     运行全部测试（PYTEST_ARGS 传给 pytest；DATABASE_URL 选数据库）"
	@echo "make lint     ruff check + ruff format --check"
	@echo "make bench    性能基准（首次生成 5 万会员的测试工会；DATABASE_URL 选数据库）"
	@echo "make sysdeps  检查/安装 PDF 所需的系统库和中文字体"
	@echo "make venv     创建 .venv 并安装运行依赖"
	@echo "make clean    删除 .venv、缓存和测试产物（保留 db.sqlite3 和 media/）"

$(PY):
	bash scripts/make_venv.sh $(VENV)

# Stamps make pip run again only when a requirements file changes.
$(VENV)/.stamp-runtime: requirements.txt | $(PY)
	$(PIP_INSTALL) -r requirements.txt
	touch $@

$(VENV)/.stamp-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PIP_INSTALL) -r requirements-dev.txt
	touch $@ $(VENV)/.stamp-runtime

venv: $(VENV)/.stamp-runtime

venv-dev: $(VENV)/.stamp-dev

sysdeps:
	@bash scripts/check_sysdeps.sh

run: venv sysdeps
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo --if-empty
	@echo ""
	@echo "打开 http://$(HOST):$(PORT)/ 用上面的演示账号登录（仅供演示）。按 Ctrl+C 停止。"
	@# The task worker (exports, ...) runs beside the server and stops with it.
	DEBUG=1 bash scripts/run_dev.sh $(PY) $(HOST):$(PORT)

test: venv-dev sysdeps
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: venv-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# First run: migrates bench/bench.sqlite3 (or DATABASE_URL) and generates a 50,000-member
# union; later runs reuse it. BENCH_ARGS goes to bench/run_all.py (e.g. "--only pages").
bench: venv-dev sysdeps
	@command -v wrk >/dev/null 2>&1 || echo "提示：未安装 wrk（Debian：apt-get install wrk），压力测试改用 Python 负载生成器，数字偏低。"
	$(PY) bench/run_all.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache test-artifacts staticfiles
	find . -path ./.git -prune -o -type d -name __pycache__ -prune -exec rm -rf {} +
