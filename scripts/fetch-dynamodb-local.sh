#!/usr/bin/env bash
# fetch-dynamodb-local.sh — put AWS's DynamoDB Local (1.25.1) where the tests
# and the local stack (`make run`) expect it.
#
# Usage: scripts/fetch-dynamodb-local.sh
#
# Where:
#   "${DYNAMODB_LOCAL_DIR:-<repo root>/.cache/dynamodb-local}"
#   (<repo root> is this script's folder/..; .cache/ is git-ignored.)
#   The folder ends up holding DynamoDBLocal.jar and DynamoDBLocal_lib/.
#   On success the folder's absolute path is the only thing printed on
#   stdout (progress and warnings go to stderr), so callers can do
#   dir=$(scripts/fetch-dynamodb-local.sh).
#
# Where it comes from:
#   AWS's own DynamoDBLocal.jar ships inside the npm package
#   amplify-dynamodb-simulator, pinned here to 2.9.30. The script runs
#   `npm pack` (only npm is needed: no node_modules, no install scripts),
#   checks the tarball's sha256, extracts package/emulator/, checks the jar's
#   sha256 and moves the folder into place atomically.
#
# Integrity policy:
#   - Default folder (DYNAMODB_LOCAL_DIR unset): the folder belongs to this
#     script. A jar whose sha256 differs from the pinned one (old, corrupt,
#     half-written) is replaced by a fresh fetch.
#   - DYNAMODB_LOCAL_DIR set and the folder already holds DynamoDBLocal.jar:
#     the folder belongs to the user and is never modified. A matching jar is
#     used silently; a differing jar (another DynamoDB Local version the user
#     chose) is used with a warning on stderr, unless
#     DYNAMODB_LOCAL_STRICT=1, in which case the script fails.
#   - DYNAMODB_LOCAL_DIR set but the folder is missing or empty: the pinned
#     jar is fetched into it, exactly as for the default folder. A non-empty
#     folder without a usable jar is an error (user files are never deleted).
#
# Concurrency:
#   Several test binaries may run this at once. The fetch runs under an
#   exclusive lock on "$dir.lock" (flock from util-linux; a mkdir lock at
#   "$dir.lockdir" when flock is missing, with stale-lock recovery), the
#   result is re-checked after the lock is taken, and the new folder is
#   built in "$dir.tmp.$$" and renamed into place, so readers never see a
#   half-extracted folder.
#
# Needs: bash, npm (Node.js), tar, gzip, sha256sum or shasum.
set -euo pipefail

readonly PKG_NAME="amplify-dynamodb-simulator"
readonly PKG_VERSION="2.9.30"
readonly PKG_SHA256="3503ffac19f183407909fecdacf4db51ab1fdad1da7b2f177016670b2d80e4b9"
# DynamoDBLocal.jar inside package/emulator/ is DynamoDB Local 1.25.1.
readonly JAR_SHA256="454305e9bc3e6ebcca5b62569869e31563b8d7e346474e94557b2600702146c7"
readonly LOCK_WAIT_SECONDS=600

log() { printf 'fetch-dynamodb-local: %s\n' "$*" >&2; }
die() {
	log "error: $*"
	exit 1
}

sha256() {
	if command -v sha256sum >/dev/null 2>&1; then
		sha256sum "$1" | cut -d' ' -f1
	elif command -v shasum >/dev/null 2>&1; then
		shasum -a 256 "$1" | cut -d' ' -f1
	else
		die "neither sha256sum nor shasum found: install coreutils (apt-get install -y coreutils)"
	fi
}

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$script_dir/.." && pwd)

user_dir=0
if [[ -n "${DYNAMODB_LOCAL_DIR:-}" ]]; then
	user_dir=1
	dir=$DYNAMODB_LOCAL_DIR
else
	dir=$repo_root/.cache/dynamodb-local
fi
# Make the path absolute without requiring it to exist yet.
mkdir -p "$(dirname "$dir")"
dir=$(cd "$(dirname "$dir")" && pwd)/$(basename "$dir")

# ready prints the folder and exits 0 when it already holds a usable jar.
# A user-owned jar with another checksum is accepted with a warning.
ready() {
	local jar=$dir/DynamoDBLocal.jar
	[[ -f "$jar" && -d "$dir/DynamoDBLocal_lib" ]] || return 0
	local got
	got=$(sha256 "$jar")
	if [[ "$got" == "$JAR_SHA256" ]]; then
		log "DynamoDB Local 1.25.1 is in $dir"
		printf '%s\n' "$dir"
		exit 0
	fi
	if ((user_dir)); then
		if [[ "${DYNAMODB_LOCAL_STRICT:-0}" == "1" ]]; then
			die "$jar has sha256 $got, not the pinned $JAR_SHA256 (DynamoDB Local 1.25.1), and DYNAMODB_LOCAL_STRICT=1"
		fi
		log "warning: $jar has sha256 $got, not the pinned $JAR_SHA256 (DynamoDB Local 1.25.1); using it because DYNAMODB_LOCAL_DIR points at it (unset DYNAMODB_LOCAL_DIR to use the pinned version)"
		printf '%s\n' "$dir"
		exit 0
	fi
	log "$jar has sha256 $got, not the pinned $JAR_SHA256: fetching it again"
}

# refuse_user_files fails when the user's folder holds files but no usable
# jar: files in a folder the user chose are never deleted or overwritten.
refuse_user_files() {
	if ((user_dir)) && [[ -d "$dir" ]] && [[ -n "$(ls -A "$dir")" ]]; then
		die "DYNAMODB_LOCAL_DIR=$dir is not empty but holds no usable DynamoDB Local (DynamoDBLocal.jar and DynamoDBLocal_lib/): point it at such a folder, or at a missing or empty one to fetch into"
	fi
	return 0
}

ready
refuse_user_files

command -v npm >/dev/null 2>&1 ||
	die "npm not found: install Node.js and npm (e.g. \`apt-get install -y nodejs npm\`), or set DYNAMODB_LOCAL_DIR to a folder holding DynamoDBLocal.jar and DynamoDBLocal_lib/"
command -v tar >/dev/null 2>&1 || die "tar not found: install tar (apt-get install -y tar)"
command -v gzip >/dev/null 2>&1 || die "gzip not found: install gzip (apt-get install -y gzip)"

# --- lock ---------------------------------------------------------------
lockdir=""
tmp=""
staging=""
cleanup() {
	[[ -n "$staging" ]] && rm -rf "$staging"
	[[ -n "$tmp" ]] && rm -rf "$tmp"
	[[ -n "$lockdir" ]] && rm -rf "$lockdir"
	return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if command -v flock >/dev/null 2>&1; then
	exec 9>"$dir.lock"
	flock -w "$LOCK_WAIT_SECONDS" 9 || die "timed out after ${LOCK_WAIT_SECONDS}s waiting for $dir.lock"
else
	waited=0
	until mkdir "$dir.lockdir" 2>/dev/null; do
		holder=$(cat "$dir.lockdir/pid" 2>/dev/null || true)
		if [[ -n "$holder" ]] && ! kill -0 "$holder" 2>/dev/null; then
			log "removing stale lock $dir.lockdir (pid $holder is gone)"
			rm -rf "$dir.lockdir"
			continue
		fi
		((waited < LOCK_WAIT_SECONDS)) || die "timed out after ${LOCK_WAIT_SECONDS}s waiting for $dir.lockdir"
		sleep 1
		waited=$((waited + 1))
	done
	lockdir=$dir.lockdir
	echo $$ >"$lockdir/pid"
fi

# Another process may have finished the fetch while we waited.
ready
refuse_user_files

# --- fetch --------------------------------------------------------------
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fetch-dynamodb-local.XXXXXX")
log "fetching $PKG_NAME@$PKG_VERSION with npm pack (~57 MB)"
(cd "$tmp" && npm pack --silent --ignore-scripts "$PKG_NAME@$PKG_VERSION" >/dev/null) ||
	die "npm pack $PKG_NAME@$PKG_VERSION failed (is the npm registry reachable?)"
tarball=$tmp/$PKG_NAME-$PKG_VERSION.tgz
[[ -f "$tarball" ]] || die "npm pack did not produce $tarball"
got=$(sha256 "$tarball")
[[ "$got" == "$PKG_SHA256" ]] ||
	die "$PKG_NAME-$PKG_VERSION.tgz has sha256 $got, want $PKG_SHA256"

staging=$dir.tmp.$$
rm -rf "$staging"
mkdir -p "$staging"
tar -xzf "$tarball" -C "$staging" --strip-components=2 package/emulator ||
	die "extracting package/emulator/ from $tarball failed"
[[ -f "$staging/DynamoDBLocal.jar" && -d "$staging/DynamoDBLocal_lib" ]] ||
	die "$tarball has no package/emulator/DynamoDBLocal.jar and DynamoDBLocal_lib/"
got=$(sha256 "$staging/DynamoDBLocal.jar")
[[ "$got" == "$JAR_SHA256" ]] ||
	die "DynamoDBLocal.jar has sha256 $got, want $JAR_SHA256"

if [[ -e "$dir" ]]; then
	# Our own folder with a stale or partial jar, or an empty user folder:
	# move it aside, then swap the new one in.
	old=$dir.old.$$
	mv "$dir" "$old"
	mv "$staging" "$dir"
	rm -rf "$old"
else
	mv "$staging" "$dir"
fi
staging=""

log "DynamoDB Local 1.25.1 installed in $dir"
printf '%s\n' "$dir"
