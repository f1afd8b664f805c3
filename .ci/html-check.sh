#!/usr/bin/env bash
# Renders report.html in headless Chromium and fails unless the page shows
# its charts: a screenshot is taken, and in the rendered DOM each chart file
# that `enisim run --out` wrote must have its figure, with a sized <svg>,
# drawn paths and texts (and its PNG must be non-empty).
# Installs Debian's chromium when it is missing (apt-get).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
	if command -v apt-get >/dev/null 2>&1; then
		echo "html-check: installing chromium" >&2
		sudo=""
		[ "$(id -u)" -eq 0 ] || sudo="sudo"
		$sudo apt-get update -qq
		DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
	else
		echo "html-check: SKIPPED: chromium is not installed and apt-get is unavailable" >&2
		exit 0
	fi
fi

tmp=$(mktemp -d)
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
go run ./cmd/enisim run --out "$tmp" >/dev/null

flags=(--headless --no-sandbox --disable-gpu --disable-background-networking
	--disable-component-update --disable-sync --no-first-run
	--user-data-dir="$profile" --window-size=1200,2400)
timeout 120 chromium "${flags[@]}" --screenshot="$tmp/shot.png" "file://$tmp/report.html" 2>"$tmp/chromium.log" || {
	cat "$tmp/chromium.log" >&2
	echo "html-check: FAIL: chromium could not take the screenshot" >&2
	exit 1
}
timeout 120 chromium "${flags[@]}" --dump-dom "file://$tmp/report.html" >"$tmp/dom.html" 2>>"$tmp/chromium.log"

charts=$(ls "$tmp"/*.svg | wc -l)
svgs=$(grep -o '<svg' "$tmp/dom.html" | wc -l)
texts=$(grep -o '<text' "$tmp/dom.html" | wc -l)
if [ ! -s "$tmp/shot.png" ]; then
	echo "html-check: FAIL: no screenshot" >&2
	exit 1
fi
if [ "$charts" -lt 1 ] || [ "$svgs" -lt "$charts" ] || [ "$texts" -lt "$charts" ]; then
	echo "html-check: FAIL: the rendered page has $svgs <svg> and $texts <text> elements for $charts charts (in $tmp)" >&2
	exit 1
fi

# Each chart is present in the rendered page and not empty: its figure
# (id chart-NAME) holds an <svg> with a size, drawn paths and its title.
for f in "$tmp"/*.svg; do
	name=$(basename "$f" .svg)
	fig=$(awk -v id="id=\"chart-$name\"" 'index($0, id) {on = 1} on {print} on && /<\/figure>/ {exit}' "$tmp/dom.html")
	paths=$(printf '%s' "$fig" | grep -o '<path' | wc -l || true)
	labels=$(printf '%s' "$fig" | grep -o '<text' | wc -l || true)
	if [ -z "$fig" ]; then
		echo "html-check: FAIL: chart $name is not in the rendered page (in $tmp)" >&2
		exit 1
	fi
	if ! grep -q '<svg[^>]*width="[1-9]' <<<"$fig"; then
		echo "html-check: FAIL: chart $name has no <svg> with a size in the rendered page (in $tmp)" >&2
		exit 1
	fi
	if [ "$paths" -lt 3 ] || [ "$labels" -lt 3 ]; then
		echo "html-check: FAIL: chart $name is empty in the rendered page: $paths paths, $labels texts (in $tmp)" >&2
		exit 1
	fi
	if [ ! -s "$tmp/$name.png" ]; then
		echo "html-check: FAIL: $name.png is missing or empty (in $tmp)" >&2
		exit 1
	fi
done
echo "html-check: ok: $charts charts rendered, each present and drawn; screenshot $tmp/shot.png"
