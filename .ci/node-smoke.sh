#!/usr/bin/env bash
# Smoke test of ocppctl on another Node.js major (usage: node-smoke.sh 22). node@N comes from the npm
# registry's `node` package, which ships the binary and its C++ headers (node-<platform> package), so
# better-sqlite3 rebuilds for that ABI from source with nothing downloaded from anywhere else.
# Runs the built project (dist/) in a copy, so the Node 20 node_modules of the checkout stay as they are.
set -euo pipefail
major="$1"
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/ocppctl-node$major-XXXXXX")"
csms_pid=""
cleanup() {
  if [ -n "$csms_pid" ]; then kill "$csms_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
started=$SECONDS

npm install --prefix "$work/node" --no-audit --no-fund --no-save --loglevel=error "node@$major"
export PATH="$work/node/node_modules/.bin:$PATH"
headers="$(ls -d "$work"/node/node_modules/node/node_modules/node-*/include/node | head -1)"
headers="${headers%/include/node}"
echo "node-smoke: $(node --version) from the registry's node package, headers in ${headers#$work/}"
case "$(node --version)" in v"$major".*) ;; *) echo "node-smoke: expected Node $major on PATH" >&2; exit 1 ;; esac

app="$work/app"
mkdir "$app"
(cd "$repo" && cp -a bin dist package.json package-lock.json .prebuild-installrc node_modules component_config schemas templates "$app"/)
(cd "$app" && npm_config_nodedir="$headers" npm rebuild better-sqlite3 --loglevel=error >/dev/null)
cd "$app"

step() { echo "node-smoke[$major]: $*"; }
step "validate the shipped config"
node bin/ocppctl validate component_config --no-color

step "validate a fleet of 3 copies with 2 workers, SARIF"
for s in a b c; do mkdir -p "$work/fleet/$s" && cp -a component_config "$work/fleet/$s/"; done
node bin/ocppctl validate --fleet "$work/fleet" --workers 2 --format sarif >"$work/fleet.sarif"
node -e 'const l = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); if (l.version !== "2.1.0") process.exit(1)' "$work/fleet.sarif"

step "validate with an EVerest config (YAML parser, module facts)"
cat >"$work/everest.yaml" <<'YAML'
active_modules:
  evse_manager_1:
    module: EvseManager
    mapping: {module: {evse: 1}}
    config_module: &em
      connector_id: 1
      evse_id: "1"
  ocpp:
    module: OCPP201
    connections:
      evse_manager:
        - module_id: evse_manager_1
          implementation_id: evse
YAML
status=0
node bin/ocppctl validate component_config --everest-config "$work/everest.yaml" --no-color || status=$?
[ "$status" -le 1 ] || { echo "node-smoke: validate --everest-config exited $status" >&2; exit 1; }

if node bin/ocppctl help init-db >/dev/null 2>&1; then
  step "init-db (better-sqlite3 rebuilt for Node $major)"
  node bin/ocppctl init-db -c component_config --db "$work/device_model.db" --no-color
  test -s "$work/device_model.db"
fi

if node bin/ocppctl help csms >/dev/null 2>&1 && node bin/ocppctl help connect >/dev/null 2>&1; then
  step "connect to csms over TLS (security profile 2, throw-away CA)"
  node bin/ocppctl csms --port 0 --security-profile 2 --self-signed "$work/pki" >"$work/csms.out" 2>&1 &
  csms_pid=$!
  url=""
  for _ in $(seq 1 100); do
    url="$(grep -o 'wss://[^ ]*' "$work/csms.out" | head -1 || true)"
    [ -n "$url" ] && break
    sleep 0.2
  done
  [ -n "$url" ] || { cat "$work/csms.out" >&2; exit 1; }
  SMOKE_PASSWORD=smoke-password-0123456789 node bin/ocppctl connect -c component_config --url "$url" --identity smoke \
    --password-env SMOKE_PASSWORD --ca "$work/pki/ca.pem" --timeout 20 --no-color
fi
step "passed in $((SECONDS - started)) s"
