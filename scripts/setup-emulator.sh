#!/usr/bin/env bash
# Makes the moto AWS emulator runnable for the tests and the demo, and records how to run it in
# .cache/emulator.env (PYTHON=… and PYTHONPATH=…). Tries, in order: a moto already installed,
# pip, then Debian's packages from the next suite (moto is not in this image's suite), unpacked
# into .cache/moto with the dependencies from the normal suite. Idempotent and quiet when done.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .cache
ENV_FILE=.cache/emulator.env
CACHE="$PWD/.cache/moto"

works() { # PYTHON PYTHONPATH
  PYTHONPATH="$2" "$1" -c 'import moto, moto.server, flask, flask_cors, werkzeug' >/dev/null 2>&1
}
record() {
  printf 'PYTHON=%s\nPYTHONPATH=%s\n' "$1" "$2" > "$ENV_FILE"
  echo "emulator: moto $(PYTHONPATH="$2" "$1" -c 'import moto; print(moto.__version__)') via $1"
  exit 0
}

# CIS_GATE_EMULATOR_FROM=debian skips the first two routes (to test the last one).
ROUTE=${CIS_GATE_EMULATOR_FROM:-any}
[ "$ROUTE" = debian ] || for py in python3 /usr/bin/python3; do
  command -v "$py" >/dev/null 2>&1 || continue
  works "$py" "" && record "$(command -v "$py")" ""
done
works /usr/bin/python3 "$CACHE/usr/lib/python3/dist-packages" && record /usr/bin/python3 "$CACHE/usr/lib/python3/dist-packages"

if [ "$ROUTE" != debian ] && command -v python3 >/dev/null 2>&1; then
  echo "emulator: trying pip install moto[server]" >&2
  if python3 -m pip install --quiet --disable-pip-version-check 'moto[server]>=5.2' >/dev/null 2>&1 && works python3 ""; then
    record "$(command -v python3)" ""
  fi
fi

echo "emulator: installing moto from Debian's next suite into .cache/moto" >&2
SOURCES=/etc/apt/sources.list.d/debian.sources
if [ -f "$SOURCES" ]; then
  MIRROR=$(awk '/^URIs:/ {print $2; exit}' "$SOURCES")
else
  MIRROR=$(awk '/^deb / {print $2; exit}' /etc/apt/sources.list)
fi
[ -n "$MIRROR" ] || { echo "emulator: no Debian mirror configured; install moto with: pip install 'moto[server]'" >&2; exit 1; }
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq >/dev/null
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  python3-flask python3-flask-cors python3-werkzeug python3-xmltodict python3-responses \
  python3-dateutil python3-jinja2 python3-cryptography python3-requests python3-yaml \
  python3-jmespath python3-urllib3 python3-pyparsing >/dev/null
APT="$PWD/.cache/apt-sid"
mkdir -p "$APT/lists/partial" "$APT/cache/archives/partial" "$APT/etc" "$CACHE" "$APT/debs"
echo "deb [trusted=yes] $MIRROR sid main" > "$APT/etc/sources.list"
APT_OPTS=(-o "Dir::Etc::SourceList=$APT/etc/sources.list" -o "Dir::Etc::SourceParts=-" -o "Dir::State::Lists=$APT/lists"
  -o "Dir::Cache=$APT/cache" -o "Acquire::Check-Valid-Until=false" -o "APT::Get::List-Cleanup=0")
apt-get "${APT_OPTS[@]}" update -qq >/dev/null
(cd "$APT/debs" && apt-get "${APT_OPTS[@]}" download python3-moto python3-botocore python3-boto3 python3-s3transfer >/dev/null)
for deb in "$APT"/debs/*.deb; do dpkg -x "$deb" "$CACHE"; done
works /usr/bin/python3 "$CACHE/usr/lib/python3/dist-packages" && record /usr/bin/python3 "$CACHE/usr/lib/python3/dist-packages"
echo "emulator: moto could not be installed; install it with: pip install 'moto[server]'" >&2
exit 1
