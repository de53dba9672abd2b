#!/usr/bin/env bash
# The main job on the bundled sample corpus: set up, ingest examples/ into sample.db,
# then show what the corpus holds and one search.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
db="${NEWSTRACE_DB:-sample.db}"
.venv/bin/newstrace ingest examples/ --db "$db"
.venv/bin/newstrace stats --db "$db"
echo
echo '$ newstrace search "Gdansk terminal" --limit 5'
.venv/bin/newstrace search "Gdansk terminal" --db "$db" --limit 5
