#!/usr/bin/env bash
# The README's test command in a copy of the repository placed where ../shared does not exist, as in a user's
# clone: tests that read EVerest's reference material skip with one line, everything else must pass.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/ocppctl-noshared-XXXXXX")"
trap 'rm -rf "$work"' EXIT
# mktemp makes the folder 0700; tests that run ocppctl as another user (read-only trees) must reach bin/ in it
chmod 755 "$work"
mkdir "$work/repo"
(cd "$repo" && tar --exclude=./dist --exclude=./.git -cf - .) | (cd "$work/repo" && tar xf -)
cd "$work/repo"
[ ! -e ../shared ] || { echo "no-shared: $work/shared exists" >&2; exit 1; }
log="$work/test.log"
npm test 2>&1 | tee "$log" | grep -E '^# (tests|pass|fail|skipped|cancelled) |^# \.\./shared' || true
grep -q '^# fail 0$' "$log" && grep -q '^# cancelled 0$' "$log" || { grep -E '^not ok|^ *not ok' "$log" >&2; exit 1; }
echo "no-shared: the suite passed without ../shared"
