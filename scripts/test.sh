#!/usr/bin/env bash
# Runs every test suite. Installs what the tests need when it is missing (PostgreSQL server binaries and
# Chromium from Debian's packages), builds once, then runs each test project and prints one summary line.
# Usage: ./scripts/test.sh [extra dotnet test arguments, e.g. --filter Category!=Heavy]
set -euo pipefail
cd "$(dirname "$0")/.."

need_pkgs=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need_pkgs+=(postgresql)
[ -x /usr/bin/chromium ] || need_pkgs+=(chromium)
# A CJK font, so that the pages' Chinese renders in the browser tests' screenshots.
[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || need_pkgs+=(fonts-wqy-microhei)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  echo "==> installing ${need_pkgs[*]} from Debian's packages"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
fi
# Debian starts a cluster of its own on install; the tests start their own throwaway clusters and need none.
if command -v pg_lsclusters >/dev/null && pg_lsclusters -h 2>/dev/null | grep -q online; then
  pg_lsclusters -h | awk '$4=="online"{print $1, $2}' | while read -r v c; do pg_ctlcluster "$v" "$c" stop || true; done
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
start=$(date +%s)
dotnet tool restore >/dev/null
dotnet build WorkInjuryCases.sln -c Release -warnaserror -nologo -v q

results=artifacts/test-results
rm -rf "$results"; mkdir -p "$results"
status=0
for project in tests/*.Tests/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  echo "==> $name"
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" "$@" || status=1
  # A test host that dies (killed, out of memory) can leave no results behind: that is a failure, never a pass.
  if [ ! -s "$results/$name.trx" ]; then
    echo "!! $name wrote no results: its test host did not finish"
    status=1
  fi
done

# Test processes stop their PostgreSQL clusters on exit; this sweeps any that a crashed test process left.
for d in "${TMPDIR:-/tmp}"/cases-pg-*; do
  [ -d "$d" ] || continue
  owner=$(cat "$d/owner.pid" 2>/dev/null || true)
  [ -n "$owner" ] && kill -0 "$owner" 2>/dev/null && continue
  if [ -f "$d/data/postmaster.pid" ]; then
    runuser -u postgres -- "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/pg_ctl" -D "$d/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$d"
done
for d in "${TMPDIR:-/tmp}"/cases-sqlite-*; do
  [ -d "$d" ] || continue
  owner=$(cat "$d/owner.pid" 2>/dev/null || true)
  [ -n "$owner" ] && kill -0 "$owner" 2>/dev/null && continue
  rm -rf "$d"
done

# One summary over every suite, counted from the trx files.
python3 - "$results" "$(( $(date +%s) - start ))" tests/*.Tests <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
total = {"passed": 0, "failed": 0, "skipped": 0}
for suite in sys.argv[3:]:
    name = suite.rstrip("/").split("/")[-1]
    if not glob.glob(f"{sys.argv[1]}/{name}.trx"):
        print(f"  {name:28} NO RESULTS")
        total["failed"] += 1
for f in sorted(glob.glob(sys.argv[1] + "/*.trx")):
    c = ET.parse(f).getroot().find("t:ResultSummary/t:Counters", ns).attrib
    p, fl, nx = int(c["passed"]), int(c["failed"]) + int(c.get("error", 0)) + int(c.get("timeout", 0)), int(c["notExecuted"])
    total["passed"] += p; total["failed"] += fl; total["skipped"] += nx
    print(f"  {f.split('/')[-1][:-4]:28} passed {p:5}  failed {fl:3}  skipped {nx:3}")
print(f"  whole test command: {sys.argv[2]} s")
print(f"{total['passed']} passed, {total['failed']} failed, {total['skipped']} skipped")
PY
exit $status
