#!/bin/sh
# Nightly publish of the yrdplan briefs, for systemd (yrdplan-publish.service) or cron (crontab).
# Times in the feed come from the last commit that touched the data, templates or settings, never the clock,
# so an unchanged checkout publishes a byte-identical site.
#   YRDPLAN_REPO  the checkout (default: the folder above this script)
#   YRDPLAN_OUT   the folder the web server serves (default: $YRDPLAN_REPO/_site)
#   YRDPLAN_BIN   the yrdplan binary (default: yrdplan on PATH, else .build/release/yrdplan)
#   YRDPLAN_PULL  set to 1 to `git pull --ff-only` first
set -eu
repo=${YRDPLAN_REPO:-$(cd "$(dirname "$0")/.." && pwd)}
out=${YRDPLAN_OUT:-$repo/_site}
cd "$repo"
if [ "${YRDPLAN_PULL:-0}" = 1 ]; then git pull --ff-only --quiet; fi
bin=${YRDPLAN_BIN:-$(command -v yrdplan || echo "$repo/.build/release/yrdplan")}
SOURCE_DATE_EPOCH=$(git log -1 --format=%ct -- Regions Templates Reports 2>/dev/null || true)
export SOURCE_DATE_EPOCH
[ -n "$SOURCE_DATE_EPOCH" ] || unset SOURCE_DATE_EPOCH
# One summary line on success; problems on stderr. Exit codes: 0 published, 1 bad data/templates
# (nothing written), 2 usage, 3 another run holds the lock after --wait, or an IO failure.
exec "$bin" publish --out "$out" --wait 600 --quiet
