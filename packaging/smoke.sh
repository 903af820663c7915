#!/usr/bin/env bash
# Smoke-test a frozen build: run from a folder with no Python on PATH or in the env.
set -euo pipefail
app=$(readlink -f "$1")
desktop=$(readlink -f "$(dirname "$0")/../resources")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
clean_env=(env -i HOME="$work" PATH=/usr/bin:/bin XDG_CONFIG_HOME="$work/config" QT_QPA_PLATFORM=offscreen)

"${clean_env[@]}" "$app" --version | grep -q "^opentok-studio "
sid=1_MX40NjEyMzQ1N35-MTc5MzQ5MTIwMDAwMH5RMmhoY0dWeWIyNWxWR1Z6ZEZObGN3flB-
creds=(OPENTOK_API_KEY=46123457 OPENTOK_API_SECRET=test-secret-0123456789abcdef0123456789abcdef)
token=$("${clean_env[@]}" "${creds[@]}" "$app" token --session-id "$sid" --role moderator)
"${clean_env[@]}" "${creds[@]}" "$app" decode "$token" --json > decoded.json
grep -q '"signature": "valid"' decoded.json
grep -q '"role": "moderator"' decoded.json
t1=$("${clean_env[@]}" "${creds[@]}" "$app" token --session-id "$sid" --format t1)
"${clean_env[@]}" "${creds[@]}" "$app" decode "$t1" > /dev/null
"${clean_env[@]}" "$app" profile list > /dev/null
"${clean_env[@]}" "$app" gui --quit-after-show 2> gui.log
grep -q "^ready=" gui.log
desktop-file-validate "$desktop/opentok-studio.desktop"
appstreamcli validate --no-net "$desktop/io.github.opentokstudio.OpenTokStudio.metainfo.xml" > /dev/null
echo "frozen app OK: version, token, decode (JWT and T1), window opened and closed; desktop files valid"
