#!/usr/bin/env bash
# Set-up for `make run` / `make test`: idempotent and quick when already done.
#  - uses the active conda env if there is one (not base), else a .venv made with python3 -m venv;
#  - installs the project with its dev extras when pyproject.toml changed since the last set-up;
#  - makes sure a freely licensed CJK font is there (Debian/Ubuntu package when root) and,
#    for the PDF font test, poppler-utils, and for the test that opens a notebook's HTML page,
#    headless Chromium (Debian's chromium, when root; that test is skipped without it), and for
#    the OCR test of scanned PDFs, Tesseract with Simplified Chinese (Debian/Ubuntu packages when
#    root; optional, skipped elsewhere).
# Prints the path of the Python to use on its last line.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -n "${CONDA_PREFIX:-}" ] && [ "${CONDA_DEFAULT_ENV:-base}" != "base" ]; then
  PY="$CONDA_PREFIX/bin/python"
  STAMP="$CONDA_PREFIX/.juye-analysis-setup"
else
  if [ ! -x .venv/bin/python ]; then
    PYTHON3="${PYTHON3:-python3}"
    command -v "$PYTHON3" >/dev/null || { echo "setup: python3 not found; install Python 3.11 or newer" >&2; exit 1; }
    "$PYTHON3" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
      || { echo "setup: $("$PYTHON3" --version) is too old; Python 3.11 or newer is needed" >&2; exit 1; }
    echo "setup: creating .venv" >&2
    "$PYTHON3" -m venv .venv
  fi
  PY=".venv/bin/python"
  STAMP=".venv/.juye-analysis-setup"
fi

want="$(cat pyproject.toml | sha256sum | cut -c1-16)"
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$want" ]; then
  echo "setup: installing juye-analysis and its dependencies into $("$PY" -c 'import sys; print(sys.prefix)')" >&2
  mkdir -p build
  if ! { "$PY" -m pip install --upgrade pip && "$PY" -m pip install -e ".[dev,ocr]"; } > build/setup.log 2>&1; then
    tail -n 30 build/setup.log >&2
    echo "setup: pip install failed; the whole log is in build/setup.log" >&2
    exit 1
  fi
  echo "$want" > "$STAMP"
fi

# A CJK font for the figures: the system's own first (WenQuanYi, LXGW WenKai, Noto CJK, PingFang, YaHei).
if ! "$PY" -m juye_analysis.plots.fonts --check >/dev/null 2>&1; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    echo "setup: installing the WenQuanYi Micro Hei font (fonts-wqy-microhei) and poppler-utils" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq fonts-wqy-microhei poppler-utils >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq fonts-wqy-microhei poppler-utils >/dev/null; }
  fi
  "$PY" -m juye_analysis.plots.fonts --check >&2 || {
    echo "setup: no CJK font found. Install one of: fonts-wqy-microhei or fonts-lxgw-wenkai (Debian/Ubuntu)," >&2
    echo "       wqy-microhei-fonts (Fedora), or on macOS/Windows use the system's PingFang SC / Microsoft YaHei." >&2
    exit 1; }
fi
# pdffonts, for the test that checks the fonts embedded in a PDF (optional elsewhere).
if ! command -v pdffonts >/dev/null && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null 2>&1; } || true
fi
# Chromium, for the test that opens an executed notebook's HTML page (optional: skipped without it).
if ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null \
   && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  echo "setup: installing chromium (headless, for the HTML report test)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1; } \
    || echo "setup: could not install chromium; the HTML report test will be skipped" >&2
fi
# Tesseract with chi_sim, for OCR of scanned PDFs and its test (optional: the test is skipped without).
if ! command -v tesseract >/dev/null && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-chi-sim >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-chi-sim >/dev/null 2>&1; } || true
fi
echo "$PY"
