#!/usr/bin/env bash
# The main job on the bundled sample corpus: set up, then parse every page under examples/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/newstrace parse examples/ --format text
