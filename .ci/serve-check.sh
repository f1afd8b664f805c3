#!/usr/bin/env bash
# enisim serve driven by clients nobody here wrote: Debian's AWS CLI
# (package awscli) and headless Chromium (package chromium), both installed
# from Debian's packages when missing. Everything talks to 127.0.0.1 only.
#
# The session: create-function with --vpc-config (Pending, then Active
# after `aws lambda wait function-active-v2`), Invoke while Pending
# (ResourceConflictException), a second function on the same key (Active at
# once, no new ENI), a third with another security-group set (its own
# ENIs), describe-network-interfaces with the filters deploy scripts use,
# the browser view's ENI count against describe-network-interfaces at the
# same moment (and a screenshot), the CLI's JSON fed back to `enisim import
# aws`, the detach with SubnetIds=[],SecurityGroupIds=[], and the record
# replayed by `enisim run` to the same report, byte for byte.
set -euo pipefail
cd "$(dirname "$0")/.."

need() { # command package
	command -v "$1" >/dev/null 2>&1 && return 0
	if ! command -v apt-get >/dev/null 2>&1; then
		echo "serve-check: SKIPPED: $1 is not installed and apt-get is unavailable" >&2
		exit 0
	fi
	echo "serve-check: installing $2" >&2
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$2" >/dev/null
}
# Debian's CLI lives in /usr/bin; another aws earlier on PATH is not the one
# this check means.
[ -x /usr/bin/aws ] || { need_aws=1; }
if [ "${need_aws:-0}" = 1 ]; then
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	if command -v apt-get >/dev/null 2>&1; then
		echo "serve-check: installing awscli" >&2
		$sudo apt-get update -qq
		DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq awscli >/dev/null
	else
		echo "serve-check: SKIPPED: Debian's awscli is not installed and apt-get is unavailable" >&2
		exit 0
	fi
fi
need chromium chromium

tmp=$(mktemp -d)
profile=$(mktemp -d)
go build -o "$tmp/enisim" ./cmd/enisim
: >"$tmp/serve.log"
"$tmp/enisim" serve --addr 127.0.0.1:0 --speed max --record "$tmp/session.yaml" >"$tmp/report.txt" 2>"$tmp/serve.log" &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -rf "$profile"' EXIT
for _ in $(seq 50); do
	url=$(sed -n 's/.* at \(http:\/\/127\.0\.0\.1:[0-9]*\) .*/\1/p' "$tmp/serve.log")
	[ -n "$url" ] && break
	sleep 0.1
done
[ -n "$url" ] || { cat "$tmp/serve.log" >&2; echo "serve-check: FAIL: the server did not start" >&2; exit 1; }

export AWS_ACCESS_KEY_ID=enisim AWS_SECRET_ACCESS_KEY=not-checked AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true
aws() { timeout 60 /usr/bin/aws --endpoint-url "$url" "$@"; }
fail() { echo "serve-check: FAIL: $*" >&2; exit 1; }
expect() { # what got want
	[ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"
}

python3 - "$tmp/fn.zip" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr("app.py", "def handler(event, context):\n    return {'ok': True}\n")
PY
create() { # name sg
	aws lambda create-function --function-name "$1" --runtime python3.12 --handler app.handler \
		--role arn:aws:iam::123456789012:role/lambda-vpc --zip-file "fileb://$tmp/fn.zip" \
		--vpc-config "SubnetIds=subnet-default-1a,subnet-default-1b,SecurityGroupIds=$2" \
		--query '[State,StateReasonCode,VpcConfig.VpcId]' --output text
}

expect "create-function orders" "$(create orders sg-default)" "$(printf 'Pending\tCreating\tvpc-default')"
if aws lambda invoke --function-name orders "$tmp/out.json" 2>"$tmp/invoke.err"; then
	fail "invoke while Pending succeeded"
fi
grep -q "ResourceConflictException" "$tmp/invoke.err" || fail "invoke while Pending: $(cat "$tmp/invoke.err")"
aws lambda wait function-active-v2 --function-name orders
expect "orders after the waiter" "$(aws lambda get-function-configuration --function-name orders --query '[State,LastUpdateStatus]' --output text)" "$(printf 'Active\tSuccessful')"
aws lambda invoke --function-name orders "$tmp/out.json" >/dev/null
grep -q '"body":"enisim: orders ran from ' "$tmp/out.json" || fail "invoke payload: $(cat "$tmp/out.json")"
expect "create-function payments (same key)" "$(create payments sg-default)" "$(printf 'Active\tNone\tvpc-default')"
expect "create-function reports (another SG set)" "$(create reports sg-app)" "$(printf 'Pending\tCreating\tvpc-default')"
aws lambda wait function-active-v2 --function-name reports

enis() { aws ec2 describe-network-interfaces "$@" --query 'length(NetworkInterfaces)' --output text; }
expect "Hyperplane ENIs" "$(enis --filters Name=interface-type,Values=lambda)" 4
expect "ENIs of sg-default (orders and payments share them)" "$(enis --filters Name=group-id,Values=sg-default)" 2
expect "ENIs named after orders" "$(enis --filters 'Name=description,Values=AWS Lambda VPC ENI-orders-*')" 2
expect "ENIs named after payments" "$(enis --filters 'Name=description,Values=AWS Lambda VPC ENI-payments-*')" 0
expect "ENIs in subnet-default-1a of vpc-default" "$(enis --filters Name=subnet-id,Values=subnet-default-1a Name=vpc-id,Values=vpc-default)" 2
expect "attachment owners" "$(aws ec2 describe-network-interfaces --query 'NetworkInterfaces[].Attachment.InstanceOwnerId' --output text | tr '\t' '\n' | sort -u)" amazon-aws
expect "free IPs of subnet-default-1a" "$(aws ec2 describe-subnets --subnet-ids subnet-default-1a --query 'Subnets[0].AvailableIpAddressCount' --output text)" 4089

# The browser view at the same moment: the clock stands still at speed max
# between reads, and loading the page is not an API read.
described=$(enis)
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
	--disable-component-update --disable-sync --user-data-dir="$profile" --window-size=1280,1500)
timeout 120 chromium "${flags[@]}" --dump-dom "$url/" >"$tmp/dom.html" 2>"$tmp/chromium.log" ||
	{ cat "$tmp/chromium.log" >&2; fail "chromium could not load the view"; }
shown=$(sed -n 's/.*id="eni-count">\([0-9]*\)<.*/\1/p' "$tmp/dom.html")
expect "ENI count on the page (describe-network-interfaces says $described)" "$shown" "$described"
rows=$(grep -o '<span class="eni ready"' "$tmp/dom.html" | wc -l)
expect "ready ENIs drawn on the page" "$((rows - 1))" "$described" # the legend has one too
grep -q 'ENI eni-0001 ready in subnet-default-1' "$tmp/dom.html" || fail "the page's timeline lacks the ENI lines"
timeout 120 chromium "${flags[@]}" --screenshot="$tmp/serve.png" "$url/" 2>>"$tmp/chromium.log" ||
	{ cat "$tmp/chromium.log" >&2; fail "chromium could not take the screenshot"; }
[ -s "$tmp/serve.png" ] || fail "no screenshot"

# The CLI's own JSON back into the importer.
aws lambda list-functions >"$tmp/functions.json"
aws ec2 describe-subnets >"$tmp/subnets.json"
aws ec2 describe-security-groups >"$tmp/sgs.json"
aws ec2 describe-network-interfaces --filters Name=interface-type,Values=lambda >"$tmp/enis.json"
"$tmp/enisim" import aws --functions "$tmp/functions.json" --subnets "$tmp/subnets.json" \
	--security-groups "$tmp/sgs.json" --enis "$tmp/enis.json" -o "$tmp/imported.yaml" 2>"$tmp/import.log"
"$tmp/enisim" validate "$tmp/imported.yaml" >/dev/null
for want in "name: orders" "name: payments" "name: reports" "cidr: 172.31.0.0/20" "SecurityGroupIds=sg-app"; do
	grep -q "$want" "$tmp/imported.yaml" || fail "the imported scenario lacks '$want'"
done
"$tmp/enisim" check "$tmp/imported.yaml" >"$tmp/check.txt" 2>&1 || { cat "$tmp/check.txt" >&2; fail "enisim check on the imported account"; }

# Detach orders: its ENIs stay, payments still uses them.
expect "detach orders" "$(aws lambda update-function-configuration --function-name orders --vpc-config 'SubnetIds=[],SecurityGroupIds=[]' \
	--query '[length(VpcConfig.SubnetIds),length(VpcConfig.SecurityGroupIds),VpcConfig.VpcId]' --output text)" "$(printf '0\t0\t')"
aws lambda wait function-updated-v2 --function-name orders
expect "ENIs after orders detached" "$(enis --filters Name=group-id,Values=sg-default)" 2

kill -INT "$server"
wait "$server" || fail "the server exited non-zero: $(cat "$tmp/serve.log")"
trap 'rm -rf "$profile"' EXIT
"$tmp/enisim" run "$tmp/session.yaml" >"$tmp/replay.txt"
cmp -s "$tmp/report.txt" "$tmp/replay.txt" || { diff "$tmp/report.txt" "$tmp/replay.txt" >&2; fail "enisim run on the record differs from the session's report"; }
calls=$(grep -c 'action:' "$tmp/session.yaml")
echo "serve-check: ok: AWS CLI $(/usr/bin/aws --version 2>&1 | cut -d' ' -f1) and Chromium against enisim serve; $described ENIs on the page and in describe-network-interfaces; $calls recorded calls replay byte for byte; screenshot $tmp/serve.png"
