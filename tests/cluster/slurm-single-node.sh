#!/usr/bin/env bash
# The project's copy of ../shared/cluster/slurm-single-node.sh (a working recipe, measured there),
# used by tests/cluster/slurm.test.ts to run a real job array in CI. Keep it in step by hand.
# slurm-single-node.sh - throwaway single-node Slurm cluster for CI tests.
#
# Debian 12 (slurm-wlm 22.05 + munge 0.5.15), run as root, no systemd needed.
# munged, slurmctld and slurmd all run out of one directory ($SLURM_SN_DIR) with
# their own munge key/socket, ports and logs; /etc/slurm and /etc/munge are left alone.
#
# Usage:
#   slurm-single-node.sh install              apt-get install slurmctld slurmd slurm-client munge if missing
#   slurm-single-node.sh start                install if missing, start munged+slurmctld+slurmd, wait for node idle;
#                                             prints 'export SLURM_CONF=...' for your own sbatch/squeue calls
#   slurm-single-node.sh run RANGE CMD...     sbatch --array=RANGE a bash script running CMD, wait, print per-task
#                                             state + exit code; exit 0 only if every task COMPLETED with 0:0.
#                                             Starts and stops the cluster itself unless one is already running.
#                                             e.g. run 0-3 'echo $SLURM_ARRAY_TASK_ID > /tmp/out.$SLURM_ARRAY_TASK_ID'
#   slurm-single-node.sh status               sinfo + squeue
#   slurm-single-node.sh stop                 cancel jobs, scontrol shutdown, stop our daemons by PID
#
# Environment knobs:
#   SLURM_SN_DIR           working dir (default /tmp/slurm-single-node); logs stay there after stop
#   SLURM_SN_CTLD_PORT     slurmctld port (default 6817)      SLURM_SN_SLURMD_PORT  slurmd port (default 6818)
#   SLURM_SN_CPUS          advertise this many CPUs instead of the real count (oversubscribe, config_overrides)
#   SLURM_SN_TIMEOUT       seconds 'run' waits for the array to finish (default 600)
#   SLURM_SN_SBATCH_ARGS   extra sbatch arguments for 'run' (word-split), e.g. "--time=5 --mem=500M"
#   SLURM_SN_START_TIMEOUT seconds to wait for the node to become idle (default 60)
#   SLURM_SN_SCHED_PARAMS  SchedulerParameters (default batch_sched_delay=0)
#   SLURM_SN_DEBUG         SlurmctldDebug/SlurmdDebug level (default info; debug2 to diagnose)
#
# Job output of 'run' goes to $SLURM_SN_DIR/jobs/<jobid>_<task>.out; daemon logs to $SLURM_SN_DIR/log/.
# Exit codes: 0 ok, 1 some task failed, 124 'run' timed out (array cancelled), 2 usage/setup error.
set -euo pipefail

export PATH="$PATH:/usr/sbin:/sbin"
DIR=${SLURM_SN_DIR:-/tmp/slurm-single-node}
CTLD_PORT=${SLURM_SN_CTLD_PORT:-6817}
SLURMD_PORT=${SLURM_SN_SLURMD_PORT:-6818}
RUN_TIMEOUT=${SLURM_SN_TIMEOUT:-600}
START_TIMEOUT=${SLURM_SN_START_TIMEOUT:-60}
CONF="$DIR/slurm.conf"
SOCK="$DIR/munge/munge.socket"

log() { printf '[slurm-sn %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 2; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}'; }
need_root() { [ "$(id -u)" = 0 ] || die "must run as root (slurmd/slurmctld run as SlurmUser=root here)"; }
# alive PID: exists and is not a zombie (daemons get reparented to PID 1, which may reap late)
alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null && [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]; }
# alive_as PID NAME: PID is alive *and* is that program (guards against recycled PIDs in stale pid files)
alive_as() { alive "${1:-}" && [ "$(cat "/proc/$1/comm" 2>/dev/null)" = "$2" ]; }
pidof_file() { [ -s "$1" ] && tr -dc '0-9' <"$1" || true; }

# ---------------------------------------------------------------- install
missing_tools() {
  local c m=""
  for c in munged munge unmunge slurmctld slurmd sbatch squeue sinfo scontrol scancel; do
    command -v "$c" >/dev/null 2>&1 || m="$m $c"
  done
  printf '%s' "$m"
}

cmd_install() {
  need_root
  local m; m=$(missing_tools)
  [ -z "$m" ] && return 0
  log "missing:$m -> apt-get install slurmctld slurmd slurm-client munge"
  local t0 policy=/usr/sbin/policy-rc.d made_policy=0 rc=0
  t0=$(now)
  # Without systemd, postinst would try 'invoke-rc.d munge start' etc.; forbid that for the install.
  if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod 755 "$policy"; made_policy=1; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q --no-install-recommends slurmctld slurmd slurm-client munge >&2 \
    || { apt-get update -q >&2 && apt-get install -y -q --no-install-recommends slurmctld slurmd slurm-client munge >&2; } \
    || rc=$?
  [ "$made_policy" = 1 ] && rm -f "$policy"
  [ "$rc" = 0 ] || die "apt-get install failed (rc=$rc)"
  log "installed in $(since "$t0")s"
}

# ---------------------------------------------------------------- start
is_running() {
  alive_as "$(pidof_file "$DIR/slurmctld.pid")" slurmctld && alive_as "$(pidof_file "$DIR/slurmd.pid")" slurmd \
    && alive_as "$(pidof_file "$DIR/munge/munged.pid")" munged
}

port_busy() {
  command -v ss >/dev/null 2>&1 || return 1
  [ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]
}

write_conf() {
  local node="$1" nodeline
  nodeline=$(slurmd -C | head -n1)          # NodeName=<host> CPUs=.. Boards=.. ... RealMemory=..
  [[ "$nodeline" == NodeName=* ]] || die "slurmd -C gave: $nodeline"
  local extra=""
  if [ -n "${SLURM_SN_CPUS:-}" ]; then
    local mem; mem=$(sed -n 's/.*RealMemory=\([0-9]*\).*/\1/p' <<<"$nodeline")
    nodeline="NodeName=$node CPUs=$SLURM_SN_CPUS RealMemory=$mem"
    extra="SlurmdParameters=config_overrides"
  fi
  cat >"$CONF" <<EOF
# generated by slurm-single-node.sh
ClusterName=ci
SlurmctldHost=$node(127.0.0.1)
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$SOCK
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$DIR/slurmctld.pid
SlurmdPidFile=$DIR/slurmd.pid
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd.log
SlurmctldDebug=${SLURM_SN_DEBUG:-info}
SlurmdDebug=${SLURM_SN_DEBUG:-info}
# no cgroups in a container: plain /proc process tracking, no task binding
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$DIR/log/jobcomp.txt
MpiDefault=none
MailProg=/bin/true
SchedulerType=sched/backfill
# default batch_sched_delay=3 leaves ~3 s gaps between waves of array tasks
SchedulerParameters=${SLURM_SN_SCHED_PARAMS:-batch_sched_delay=0}
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MinJobAge=3600
$extra
$nodeline NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
}

print_env() { echo "export SLURM_CONF=$CONF"; }

dump_logs() {
  local f
  for f in "$DIR"/log/*.log "$DIR"/log/*.stdout "$DIR"/munge/munged.log; do
    [ -f "$f" ] || continue
    echo "----- $f (last 25 lines)" >&2; grep -v 'pmix' "$f" | tail -n 25 >&2 || true
  done
}

cmd_start() {
  need_root
  cmd_install
  export SLURM_CONF="$CONF"
  if is_running; then log "already running in $DIR"; print_env; return 0; fi
  [ -e "$DIR/slurmctld.pid" ] && cmd_stop >/dev/null 2>&1 || true   # half-dead leftover of ours
  local t0 node token p
  t0=$(now)
  for p in "$CTLD_PORT" "$SLURMD_PORT"; do
    port_busy "$p" && die "TCP port $p is in use (set SLURM_SN_CTLD_PORT / SLURM_SN_SLURMD_PORT)"
  done
  if [ -d "$DIR" ] && [ -n "$(ls -A "$DIR")" ] && [ ! -e "$DIR/.slurm-single-node" ]; then
    die "$DIR exists, is not empty and was not made by this script; set SLURM_SN_DIR elsewhere"
  fi
  rm -rf "$DIR"
  mkdir -p "$DIR"; touch "$DIR/.slurm-single-node"
  mkdir -p "$DIR"/munge "$DIR"/state "$DIR"/spool "$DIR"/log "$DIR"/jobs
  # munged refuses a socket dir that is not o+x all the way down ("execute permissions for all required")
  chmod 755 "$DIR" "$DIR/munge"
  token="slurm-sn-$$-$RANDOM$RANDOM"; echo "$token" >"$DIR/token"
  node=$(hostname -s 2>/dev/null || hostname); echo "$node" >"$DIR/node"
  write_conf "$node"

  # --- munged: private key + socket, runs as root (fine for munged; key must be 0600, owned by root)
  if command -v mungekey >/dev/null 2>&1; then
    mungekey --create --keyfile="$DIR/munge/munge.key" --force
  else
    dd if=/dev/urandom of="$DIR/munge/munge.key" bs=1024 count=1 status=none
  fi
  chmod 600 "$DIR/munge/munge.key"
  env SLURM_SN_TOKEN="$token" setsid munged -F --key-file="$DIR/munge/munge.key" --socket="$SOCK" \
    --pid-file="$DIR/munge/munged.pid" --log-file="$DIR/munge/munged.log" \
    --seed-file="$DIR/munge/munged.seed" </dev/null >"$DIR/log/munged.stdout" 2>&1 &
  for _ in $(seq 1 50); do
    munge -n -S "$SOCK" 2>/dev/null | unmunge -S "$SOCK" >/dev/null 2>&1 && break; sleep 0.1
  done
  munge -n -S "$SOCK" | unmunge -S "$SOCK" >/dev/null || { dump_logs; die "munged did not come up"; }

  # --- slurmctld + slurmd in foreground mode (-D), detached into their own sessions
  env SLURM_SN_TOKEN="$token" SLURM_CONF="$CONF" setsid slurmctld -D -f "$CONF" \
    </dev/null >"$DIR/log/slurmctld.stdout" 2>&1 &
  env SLURM_SN_TOKEN="$token" SLURM_CONF="$CONF" setsid slurmd -D -f "$CONF" -N "$node" \
    </dev/null >"$DIR/log/slurmd.stdout" 2>&1 &

  local deadline state=""
  deadline=$(( $(date +%s) + START_TIMEOUT ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    state=$(sinfo -h -N -n "$node" -o '%T' 2>/dev/null || true)
    case "$state" in
      idle) break ;;
      *drain*|*inval*|*down*) if [ -n "$state" ] && [ "$(date +%s)" -gt $((deadline - START_TIMEOUT + 10)) ]; then break; fi ;;
    esac
    sleep 0.2
  done
  if [ "$state" != idle ]; then
    log "node state '$state' after start; scontrol show node:"
    scontrol show node "$node" >&2 2>/dev/null || true
    dump_logs; cmd_stop; die "cluster did not become idle"
  fi
  log "cluster up in $(since "$t0")s (node $node, dir $DIR)"
  print_env
}

# ---------------------------------------------------------------- stop
# Processes carrying our token in their initial environment (daemons, slurmstepd, 'run' jobs).
our_pids() {
  local token="$1" e pid
  for e in /proc/[0-9]*/environ; do
    pid=${e#/proc/}; pid=${pid%/environ}
    [ "$pid" = "$$" ] && continue
    grep -qzxF "SLURM_SN_TOKEN=$token" "$e" 2>/dev/null && echo "$pid"
  done
  return 0
}

wait_gone() {  # wait_gone SECONDS PID...
  local t=$(( $1 * 10 )); shift
  local p any
  while [ "$t" -gt 0 ]; do
    any=0; for p in "$@"; do alive "$p" && any=1; done
    [ "$any" = 0 ] && return 0
    sleep 0.1; t=$((t - 1))
  done
  return 1
}

cmd_stop() {
  [ -d "$DIR" ] || { log "nothing in $DIR"; return 0; }
  export SLURM_CONF="$CONF"
  local t0 ctld slurmd munged token jobs pids p
  t0=$(now)
  ctld=$(pidof_file "$DIR/slurmctld.pid"); slurmd=$(pidof_file "$DIR/slurmd.pid")
  munged=$(pidof_file "$DIR/munge/munged.pid"); token=$(cat "$DIR/token" 2>/dev/null || true)
  alive_as "$ctld" slurmctld || ctld=""; alive_as "$slurmd" slurmd || slurmd=""; alive_as "$munged" munged || munged=""
  if [ -n "$ctld" ]; then
    jobs=$(squeue -h -o '%A' 2>/dev/null | sort -u | tr '\n' ' ' || true)
    if [ -n "${jobs// /}" ]; then
      log "cancelling jobs: $jobs"; scancel $jobs 2>/dev/null || true
      for _ in $(seq 1 50); do [ -z "$(squeue -h 2>/dev/null)" ] && break; sleep 0.2; done
    fi
    scontrol shutdown >/dev/null 2>&1 || true      # stops slurmctld and slurmd, saving state
    wait_gone 15 $ctld $slurmd || log "daemons still alive after 'scontrol shutdown'"
  fi
  for p in $ctld $slurmd; do alive "$p" && kill -TERM "$p"; done
  wait_gone 5 $ctld $slurmd || true
  for p in $ctld $slurmd; do alive "$p" && kill -KILL "$p"; done
  if [ -n "$token" ]; then                         # leftover slurmstepd / job processes of ours
    pids=$(our_pids "$token" | { grep -vxF "${munged:-x}" || true; } | tr '\n' ' ')
    if [ -n "${pids// /}" ]; then log "killing leftover pids: $pids"; kill -TERM $pids 2>/dev/null || true; wait_gone 3 $pids || kill -KILL $pids 2>/dev/null || true; fi
  fi
  if alive "$munged"; then kill -TERM "$munged"; wait_gone 5 "$munged" || kill -KILL "$munged" 2>/dev/null || true; fi
  rm -f "$DIR/slurmctld.pid" "$DIR/slurmd.pid" "$DIR/munge/munged.pid"
  log "stopped in $(since "$t0")s (logs kept in $DIR/log)"
}

# ---------------------------------------------------------------- run
cmd_run() {
  [ $# -ge 2 ] || die "usage: $0 run RANGE CMD..."
  need_root
  local range="$1"; shift
  local cmd="$*" started=0 t0 jobid script rc=0
  t0=$(now)
  if ! is_running; then
    cmd_start >/dev/null; started=1
    trap 'cmd_stop' EXIT
    trap 'exit 130' INT TERM
  fi
  export SLURM_CONF="$CONF"
  local token; token=$(cat "$DIR/token")
  script=$(mktemp "$DIR/jobs/job-XXXXXX.sh")
  printf '#!/bin/bash\n%s\n' "$cmd" >"$script"; chmod 755 "$script"
  local t1; t1=$(now)
  # NB: no --export=ALL,VAR=..: any explicit variable list makes slurmd run 'su - user' to rebuild
  # the login environment (SLURM_GET_USER_ENV), which cost ~4 s per task here. Plain env inheritance.
  # shellcheck disable=SC2086
  jobid=$(SLURM_SN_TOKEN="$token" sbatch --parsable --array="$range" \
            -o "$DIR/jobs/%A_%a.out" -e "$DIR/jobs/%A_%a.out" ${SLURM_SN_SBATCH_ARGS:-} "$script")
  jobid=${jobid%%;*}
  log "submitted array job $jobid (--array=$range)"

  # Poll until every record of the array is in a terminal state.
  local deadline out states
  deadline=$(( $(date +%s) + RUN_TIMEOUT ))
  while :; do
    out=$(scontrol show job -o "$jobid" 2>/dev/null || true)
    states=$(grep -oE ' JobState=[A-Z_]+' <<<"$out" | sort -u | tr -d ' ' | tr '\n' ' ')
    if [ -n "$out" ] && ! grep -vqE '^JobState=(COMPLETED|FAILED|CANCELLED|TIMEOUT|NODE_FAIL|PREEMPTED|BOOT_FAIL|DEADLINE|OUT_OF_MEMORY)$' \
         < <(tr ' ' '\n' <<<"$states" | sed '/^$/d'); then
      break
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      log "timeout after ${RUN_TIMEOUT}s (states: $states), cancelling $jobid"; scancel "$jobid" || true; sleep 2
      out=$(scontrol show job -o "$jobid" 2>/dev/null || true); rc=124; break
    fi
    sleep 0.3
  done
  log "array finished in $(since "$t1")s after submit"

  # Per-task report: TASK STATE EXITCODE(status:signal)
  local report
  report=$(awk '{t="?";s="?";e="?"
      for(i=1;i<=NF;i++){split($i,kv,"=")
        if(kv[1]=="ArrayTaskId")t=kv[2]; else if(kv[1]=="JobState")s=kv[2]; else if(kv[1]=="ExitCode")e=kv[2]}
      print t, s, e}' <<<"$out" | sort -n)
  echo "task state exit"
  echo "$report"
  local bad; bad=$(awk '!($2=="COMPLETED" && $3=="0:0")' <<<"$report")
  if [ -n "$bad" ]; then
    [ "$rc" = 0 ] && rc=1
    while read -r t _; do
      [ -f "$DIR/jobs/${jobid}_$t.out" ] && { echo "----- task $t output (tail)"; tail -n 20 "$DIR/jobs/${jobid}_$t.out"; }
    done <<<"$bad"
  fi
  if [ "$started" = 1 ]; then trap - EXIT INT TERM; cmd_stop; fi
  log "run total $(since "$t0")s, exit $rc"
  return "$rc"
}

cmd_status() {
  export SLURM_CONF="$CONF"
  is_running || { echo "not running ($DIR)"; return 1; }
  sinfo; squeue
}

case "${1:-}" in
  install) cmd_install ;;
  start)   cmd_start ;;
  stop)    cmd_stop ;;
  status)  cmd_status ;;
  env)     print_env ;;
  run)     shift; cmd_run "$@" ;;
  *) sed -n '2,30p' "$0" | sed '/^set -e/,$d' >&2; exit 2 ;;
esac
