#!/usr/bin/env bash
# slurm-local.sh — a throwaway single-node Slurm cluster (munged + slurmctld + slurmd) on this
# machine, for testing a program's Slurm executor. Debian/Ubuntu packages; no systemd needed.
#
#   slurm-local.sh start  [DIR]   install missing packages (root: apt-get), write DIR/slurm.conf,
#                                 start the three daemons, wait until the node is idle, then print
#                                 the environment to use on stdout (progress goes to stderr):
#                                   eval "$(slurm-local.sh start)"      # sets SLURM_CONF
#                                 Idempotent: if already up, only prints the environment.
#   slurm-local.sh status [DIR]   daemons and node state; exit 0 up, 1 partly up, 3 down
#   slurm-local.sh env    [DIR]   print the environment again
#   slurm-local.sh stop   [DIR]   cancel all jobs, then end the daemons it started (recorded PIDs)
#
# DIR defaults to $SLURM_LOCAL_DIR, else /tmp/slurm-local; give it a folder of its own. In it:
# slurm.conf, munge key and socket, state/ and spool/ (emptied at each start), logs (log/), PIDs
# (run/). Jobs, daemons and clients run as the calling user (root or not).
# Knobs (environment): SLURM_LOCAL_CPUS (default: nproc; may exceed it), SLURM_LOCAL_MEMORY_MB
# (default: MemTotal), SLURM_LOCAL_CTLD_PORT (6817), SLURM_LOCAL_SLURMD_PORT (6818),
# SLURM_LOCAL_TIMEOUT (seconds to wait for the node, 60).
# Origin: a verbatim copy of shared/tools/slurm-local.sh (see shared/tools/README.md, "A local Slurm cluster"),
# kept in the repository so that `make test-slurm` and CI do not depend on ../shared. Keep the two in step.
set -u
PATH=$PATH:/usr/sbin:/sbin          # munged, slurmctld, slurmd live in sbin
DAEMONS="munged slurmctld slurmd"   # start order; stop goes in reverse
NODE=localhost                      # node name: no dependence on the machine's hostname

log() { printf 'slurm-local: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }
usage() {  # help to stdout (exit 0); on a usage error to stderr (exit 2)
  if [ "${1:-2}" = 0 ]; then sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0; fi
  sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2
}

CMD=${1:-}
DIR=${2:-${SLURM_LOCAL_DIR:-/tmp/slurm-local}}
case "$DIR" in /*) ;; *) DIR=$(pwd -P)/$DIR ;; esac
DIR=${DIR%/}
[ -n "$DIR" ] || die "DIR must not be /"
export SLURM_CONF=$DIR/slurm.conf   # for the client commands this script runs

# --- recorded PIDs --------------------------------------------------------------------------
# A PID counts as ours only while its command line names both the daemon and DIR, so a stale
# record (daemon gone, PID reused) is never signalled.
pid_of() {  # NAME -> prints the PID if that daemon of ours is alive
  local pid
  pid=$(cat "$DIR/run/$1.pid" 2>/dev/null) || return 1
  case "$pid" in ''|*[!0-9]*) return 1 ;; esac
  local args
  args=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || return 1
  case "$args" in *"$1"*"$DIR/"*) printf '%s\n' "$pid" ;; *) return 1 ;; esac
}
# NAME: its recorded process exists and is no zombie. Used right after launch, when the
# process may still be between fork and exec and so not yet recognisable by pid_of.
launched() {
  local pid st
  pid=$(cat "$DIR/run/$1.pid" 2>/dev/null) || return 1
  st=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null) || return 1
  case "$st" in Z*|X*|'') return 1 ;; esac
}
count_alive() { local n=0 d; for d in $DAEMONS; do pid_of "$d" >/dev/null && n=$((n + 1)); done; echo $n; }

print_env() {
  printf 'export SLURM_CONF=%s\n' "$SLURM_CONF"
  printf 'export SLURM_LOCAL_DIR=%s\n' "$DIR"
}

# --- packages -------------------------------------------------------------------------------
install_packages() {
  local missing=""
  command -v munged    >/dev/null || missing="$missing munge"
  command -v slurmctld >/dev/null || missing="$missing slurmctld"
  command -v slurmd    >/dev/null || missing="$missing slurmd"
  command -v sbatch    >/dev/null || missing="$missing slurm-client"
  [ -z "$missing" ] && return 0
  [ "$(id -u)" = 0 ] || die "missing packages:$missing (as root: apt-get install$missing)"
  command -v apt-get >/dev/null || die "missing packages:$missing and no apt-get"
  log "installing$missing (apt-get)"
  # The packages' maintainer scripts would start system-wide daemons; a policy-rc.d that
  # answers 101 stops that (as in Docker images). Only ours is removed afterwards.
  local policy=/usr/sbin/policy-rc.d made=0 rc=0
  if [ ! -e $policy ]; then
    printf '#!/bin/sh\nexit 101\n' >$policy && chmod 755 $policy && made=1
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  export DEBIAN_FRONTEND=noninteractive
  # Try with the current package lists first; update them only if that fails.
  # shellcheck disable=SC2086
  apt-get install -y -q --no-install-recommends $missing >"$DIR/log/apt.log" 2>&1 || {
    apt-get update -q >>"$DIR/log/apt.log" 2>&1
    apt-get install -y -q --no-install-recommends $missing >>"$DIR/log/apt.log" 2>&1
  } || rc=$?
  [ $made = 1 ] && { rm -f $policy; trap - EXIT; }
  [ $rc = 0 ] || { tail -n 20 "$DIR/log/apt.log" >&2; die "apt-get install$missing failed"; }
}

# --- configuration --------------------------------------------------------------------------
write_config() {
  local cpus mem user
  cpus=${SLURM_LOCAL_CPUS:-$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN)}
  mem=${SLURM_LOCAL_MEMORY_MB:-$(awk '/^MemTotal:/ {print int($2 / 1024)}' /proc/meminfo)}
  user=$(id -un)
  cat >"$SLURM_CONF" <<EOF
# Written by slurm-local.sh: one node, no accounting, no cgroups, daemons run as $user.
ClusterName=local
SlurmctldHost=$NODE(127.0.0.1)
SlurmctldPort=${SLURM_LOCAL_CTLD_PORT:-6817}
SlurmdPort=${SLURM_LOCAL_SLURMD_PORT:-6818}
SlurmUser=$user
SlurmdUser=$user
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$DIR/munge/munge.socket.2
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$DIR/state/slurmctld.pid
SlurmdPidFile=$DIR/spool/slurmd.pid
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
SwitchType=switch/none
MailProg=/bin/true
ReturnToService=2
# Trust the CPUs/memory below even if they differ from the hardware (no DRAIN).
SlurmdParameters=config_overrides
# Start batch jobs at once instead of batching them for up to 3 s; short kill grace.
SchedulerParameters=batch_sched_delay=0
KillWait=5
NodeName=$NODE NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
EOF
  log "config: $SLURM_CONF (CPUs=$cpus RealMemory=${mem}M, user $user)"
}

# --- daemons --------------------------------------------------------------------------------
launch() {  # NAME ARGS... : run in the foreground mode of the daemon, detached, PID recorded
  local name=$1; shift
  (
    exec 9>&-                       # do not hand the start lock to the daemon
    cd "$DIR" || exit 1
    if command -v setsid >/dev/null; then exec setsid "$@"; else exec nohup "$@"; fi
  ) </dev/null >"$DIR/log/$name.out" 2>&1 &
  echo $! >"$DIR/run/$name.pid"
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

fail_start() {
  local f
  for f in "$DIR"/log/*.out; do     # daemons in foreground mode copy their log to stdout
    [ -s "$f" ] && { log "--- tail of $f"; tail -n 15 "$f" >&2; }
  done
  do_stop
  die "$*"
}

do_start() {
  local alive t0=$SECONDS
  alive=$(count_alive)
  if [ "$alive" = 3 ]; then log "already running in $DIR"; print_env; return 0; fi
  [ "$alive" = 0 ] || { log "partly running ($alive of 3): restarting"; do_stop; }
  install_packages
  # Fresh state on every start: no jobs or node state carried over from an earlier run.
  rm -rf "$DIR/state" "$DIR/spool" "$DIR/run"
  mkdir -p "$DIR/state" "$DIR/spool" "$DIR/run" "$DIR/log" "$DIR/munge" || die "cannot create $DIR"
  chmod 755 "$DIR/munge"
  : >"$DIR/log/slurmctld.log"; : >"$DIR/log/slurmd.log"
  local p
  for p in "${SLURM_LOCAL_CTLD_PORT:-6817}" "${SLURM_LOCAL_SLURMD_PORT:-6818}"; do
    port_busy "$p" && die "port $p is in use (another Slurm?); set SLURM_LOCAL_CTLD_PORT/SLURM_LOCAL_SLURMD_PORT"
  done
  local key=$DIR/munge/munge.key
  if [ ! -s "$key" ]; then
    (umask 077; mungekey -c -k "$key" 2>/dev/null || dd if=/dev/urandom of="$key" bs=128 count=1 2>/dev/null) ||
      die "cannot create $key"
  fi
  chmod 600 "$key"
  write_config

  rm -f "$DIR/munge/munge.socket.2"
  # --force: munged otherwise refuses a socket path that not every user can reach (DIR under a
  # private directory); it then only warns. Root is fine for munged, no --force needed for that.
  launch munged munged -F --force -S "$DIR/munge/munge.socket.2" --key-file="$key" \
    --pid-file="$DIR/munge/munged.pid" --seed-file="$DIR/munge/munged.seed" --log-file="$DIR/log/munged.log"
  local i=0
  until [ -S "$DIR/munge/munge.socket.2" ]; do
    launched munged || fail_start "munged exited"
    i=$((i + 1)); [ $i -le 100 ] || fail_start "munged socket did not appear"
    sleep 0.1
  done
  launch slurmctld slurmctld -D -f "$SLURM_CONF"
  launch slurmd slurmd -D -N "$NODE" -f "$SLURM_CONF"

  local limit=$((SECONDS + ${SLURM_LOCAL_TIMEOUT:-60})) state=""
  while :; do
    state=$(sinfo -h -n "$NODE" -o %T 2>/dev/null)
    [ "$state" = idle ] && break
    local d; for d in slurmctld slurmd; do launched $d || fail_start "$d exited"; done
    [ $SECONDS -lt $limit ] || fail_start "node not idle after ${SLURM_LOCAL_TIMEOUT:-60} s (state: ${state:-no answer})"
    sleep 0.25
  done
  [ "$(count_alive)" = 3 ] || fail_start "a daemon is not running as recorded"
  log "up in $((SECONDS - t0)) s: $(sinfo -V) on node $NODE, partition debug; logs in $DIR/log"
  print_env
}

end_pid() {  # PID NAME: SIGTERM, wait up to 10 s, then SIGKILL
  local pid=$1 i=0
  kill -TERM "$pid" 2>/dev/null || return 0
  while [ -r "/proc/$pid/cmdline" ] && [ -n "$(tr -d '\0' 2>/dev/null <"/proc/$pid/cmdline")" ]; do
    i=$((i + 1))
    if [ $i -eq 100 ]; then log "$2 ($pid) ignores SIGTERM: SIGKILL"; kill -KILL "$pid" 2>/dev/null; fi
    [ $i -lt 150 ] || break
    sleep 0.1
  done
}

descendants() {  # PID -> it and every process below it (from the parent PIDs in /proc/*/stat)
  cat /proc/[0-9]*/stat 2>/dev/null | awk -v root="$1" '
    { pid = $1; sub(/.*\) /, ""); split($0, f, " "); parent[pid] = f[2] }
    END { want[root] = 1; grew = 1
          while (grew) { grew = 0; for (p in parent) if (!(p in want) && (parent[p] in want)) { want[p] = 1; grew = 1 } }
          for (p in want) print p }'
}

do_stop() {
  [ -d "$DIR/run" ] || { log "nothing started in $DIR"; return 0; }
  local pid d jobs i
  # Cancel every job first: slurmd leaves running job steps (slurmstepd) behind when it ends.
  if pid_of slurmctld >/dev/null; then
    jobs=$(squeue -h -o %A 2>/dev/null | sort -u)
    if [ -n "$jobs" ]; then
      log "cancelling jobs: $(echo "$jobs" | tr '\n' ' ')"
      # shellcheck disable=SC2086
      scancel $jobs 2>/dev/null
      for i in $(seq 1 80); do [ -z "$(squeue -h 2>/dev/null)" ] && break; sleep 0.25; done
    fi
  fi
  for d in slurmd slurmctld munged; do
    pid=$(pid_of $d) && { log "stopping $d ($pid)"; end_pid "$pid" $d; }
    rm -f "$DIR/run/$d.pid"
  done
  # Last resort: job steps (slurmstepd) whose slurmd is gone. They hold slurmd's log file in
  # DIR open, which marks them as started from here; they ignore SIGTERM, so SIGKILL each with
  # the job processes below it.
  local p f
  for p in /proc/[0-9]*; do
    for f in "$p"/fd/*; do
      [ "$(readlink "$f" 2>/dev/null)" = "$DIR/log/slurmd.log" ] || continue
      pid=${p#/proc/}
      log "ending leftover $(tr '\0' ' ' 2>/dev/null <"$p/cmdline")($pid) and its children"
      # shellcheck disable=SC2046
      kill -KILL $(descendants "$pid") 2>/dev/null
      break
    done
  done
  rm -f "$DIR/munge/munge.socket.2"
  log "stopped"
}

do_status() {
  local d pid n
  for d in $DAEMONS; do
    if pid=$(pid_of "$d"); then echo "$d: running (pid $pid)"; else echo "$d: stopped"; fi
  done
  n=$(count_alive)
  if pid_of slurmctld >/dev/null; then sinfo -N -o '%N %T %c %m' 2>&1; squeue 2>&1; fi
  case $n in 3) return 0 ;; 0) return 3 ;; *) return 1 ;; esac
}

case "$CMD" in
  start|stop)
    [ "$CMD" = stop ] && [ ! -d "$DIR/run" ] && { log "nothing started in $DIR"; exit 0; }
    # One start/stop at a time per DIR (parallel test workers).
    mkdir -p "$DIR/log" || die "cannot create $DIR"
    if command -v flock >/dev/null; then
      exec 9>"$DIR/.lock"; flock -w 180 9 || die "another slurm-local.sh holds $DIR/.lock"
    fi
    if [ "$CMD" = start ]; then do_start; else do_stop; fi ;;
  status) do_status ;;
  env) print_env ;;
  -h|--help|help) usage 0 ;;
  *) usage ;;
esac
