#!/usr/bin/env bash
# postgres-test.sh: a throwaway PostgreSQL server on loopback for the storage
# tests (cmd/agentshim-serve/store), built from Debian's packages.
#
#   postgres-test.sh start        install PostgreSQL when missing, create a
#                                 cluster, start it on 127.0.0.1 on a free
#                                 port, create a database; print its DSN
#   postgres-test.sh stop         stop that server and delete its files
#   postgres-test.sh run CMD...   start, run CMD with AGENTSHIM_TEST_POSTGRES_DSN
#                                 set, and stop again whatever CMD does
#
# The cluster lives in $AGENTSHIM_PG_DIR (default ${TMPDIR:-/tmp}/agentshim-pgtest);
# `start` first removes whatever an earlier run left there; `run` uses a
# fresh directory of its own unless AGENTSHIM_PG_DIR is set. As root, the
# server runs as the `postgres` user (initdb refuses root); as anyone else,
# as that user. Only the DSN goes to stdout; progress goes to stderr.
set -euo pipefail

DIR=${AGENTSHIM_PG_DIR:-${TMPDIR:-/tmp}/agentshim-pgtest}
DB=agentshim_test
ROLE=agentshim

log() { echo "postgres-test: $*" >&2; }
die() { log "$*"; exit 1; }
is_root() { [ "$(id -u)" = 0 ]; }

# pg_bin prints the newest installed server's bin directory (Debian keeps
# them off PATH, under /usr/lib/postgresql/<major>/bin).
pg_bin() {
	local d
	d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
	[ -n "$d" ] && [ -x "$d/pg_ctl" ] && echo "$d"
}

install_postgres() {
	pg_bin >/dev/null && return
	is_root || die "PostgreSQL is not installed; run as root so apt-get can install it"
	log "installing postgresql with apt-get"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2
	# We only want the binaries: switch off the cluster Debian would create
	# and start on port 5432 before the server package is installed.
	apt-get install -y -qq postgresql-common >&2
	sed -i 's/^#* *create_main_cluster *=.*/create_main_cluster = false/' /etc/postgresql-common/createcluster.conf
	apt-get install -y -qq postgresql >&2
	pg_bin >/dev/null || die "apt-get installed postgresql but no server binaries were found"
}

# as_server runs a command as the user the server runs as.
as_server() {
	if is_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

stop_server() {
	local bin
	if [ -f "$DIR/data/postmaster.pid" ] && bin=$(pg_bin); then
		as_server "$bin/pg_ctl" -D "$DIR/data" -m fast -w stop >&2 || true
	fi
	rm -rf "$DIR"
}

init_cluster() {
	local bin=$1 password=$2
	if is_root; then
		install -d -m 700 -o postgres -g postgres "$DIR"
	else
		install -d -m 700 "$DIR"
	fi
	printf '%s\n' "$password" >"$DIR/pwfile"
	is_root && chown postgres "$DIR/pwfile"
	as_server "$bin/initdb" -D "$DIR/data" -U "$ROLE" --pwfile="$DIR/pwfile" \
		--auth=scram-sha-256 -E UTF8 --locale=C >"$DIR/initdb.log" 2>&1 ||
		{ cat "$DIR/initdb.log" >&2; die "initdb failed"; }
	rm -f "$DIR/pwfile"
}

# start_on_free_port tries random high ports until the server starts; another
# process may take a port between our check and the server's bind.
start_on_free_port() {
	local bin=$1 port try
	for try in 1 2 3 4 5 6 7 8 9 10; do
		port=$((20000 + RANDOM % 40000))
		port_in_use "$port" && continue
		# fsync off: the data is thrown away, and the tests run faster.
		if as_server "$bin/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 30 \
			-o "-c listen_addresses=127.0.0.1 -p $port -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
			start >/dev/null; then
			echo "$port"
			return
		fi
		log "port $port failed (attempt $try):"
		tail -n 3 "$DIR/server.log" >&2 || true
	done
	die "could not start PostgreSQL on any port"
}

start() {
	install_postgres
	local bin password port dsn
	bin=$(pg_bin)
	stop_server
	password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
	init_cluster "$bin" "$password"
	port=$(start_on_free_port "$bin")
	PGPASSWORD=$password "$bin/createdb" -h 127.0.0.1 -p "$port" -U "$ROLE" "$DB" ||
		die "createdb failed"
	dsn="postgres://$ROLE:$password@127.0.0.1:$port/$DB?sslmode=disable"
	log "$("$bin/postgres" --version) on 127.0.0.1:$port, files in $DIR"
	echo "$dsn"
}

run() {
	[ $# -gt 0 ] || die "usage: $0 run COMMAND [ARGS...]"
	local dsn
	dsn=$(start)
	trap stop_server EXIT
	AGENTSHIM_TEST_POSTGRES_DSN=$dsn "$@"
}

case ${1:-} in
start) start ;;
stop) stop_server; log "stopped" ;;
run)
	shift
	# A private cluster directory, so that two runs at once (two checkouts,
	# two CI jobs) never stop each other's server.
	[ -n "${AGENTSHIM_PG_DIR:-}" ] || DIR=$(mktemp -d "${TMPDIR:-/tmp}/agentshim-pgtest.XXXXXX")
	run "$@"
	;;
*) die "usage: $0 start | stop | run COMMAND [ARGS...]" ;;
esac
