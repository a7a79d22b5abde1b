#!/bin/sh
# Installs Debian's Chromium for the headless browser tests (web/e2e).
# Idempotent: does nothing when /usr/bin/chromium is there already.
# Our tests never let a tool download a browser of its own; this is the only
# way the browser gets onto a machine. Needs root (CI runs as root).
set -eu

CHROMIUM=/usr/bin/chromium

if [ ! -x "$CHROMIUM" ]; then
	echo "install-chromium: $CHROMIUM is missing, installing it with apt-get"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update
	apt-get install -y --no-install-recommends chromium
fi

# Debian's wrapper script prints a harmless shell warning on some machines;
# keep only the version line.
"$CHROMIUM" --version 2>/dev/null
