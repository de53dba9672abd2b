#!/usr/bin/env bash
# The main job on the bundled sample corpus: set up, ingest examples/ into sample.db,
# trace copies, then show what the corpus holds, one search and one family of copies.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
db="${NEWSTRACE_DB:-sample.db}"
nt=.venv/bin/newstrace
# The sample holds one section front page with no article on it: ingest names it on stderr,
# keeps everything else and exits 1, so the job goes on.
$nt ingest examples/ --db "$db" || echo "(one input was reported above; everything else was stored)"
$nt trace --db "$db"
$nt stats --db "$db" --top 5
echo
echo '$ newstrace search "Gdansk terminal" --limit 5'
$nt search "Gdansk terminal" --db "$db" --limit 5
id=$($nt search '"Gdansk port signs"' --db "$db" --agency Reuters --limit 1 --format json \
     | .venv/bin/python -c 'import json, sys; hits = json.load(sys.stdin); print(hits[0]["id"] if hits else "")')
if [ -n "$id" ]; then
  echo
  echo "\$ newstrace origin $id"
  $nt origin "$id" --db "$db"
fi
