#!/usr/bin/env bash
# setup-auto-rankings.sh: installs, updates or removes the crontab entry that runs
# '<repo>/taskopt update-rankings --config <dir>' on a schedule (daily at 03:00 by default).
#
#   scripts/setup-auto-rankings.sh                          install or update (daily at 03:00)
#   scripts/setup-auto-rankings.sh --schedule "30 2 * * 1"  another schedule (cron syntax or @daily, @hourly, ...)
#   scripts/setup-auto-rankings.sh --config /srv/taskopt    another config directory (default <repo>/config)
#   scripts/setup-auto-rankings.sh --ollama http://gpu:11434 another Ollama server (a URL; default: taskopt's default)
#   scripts/setup-auto-rankings.sh --log /var/log/rank.log  where the job's output goes (default <config>/auto-rankings.log)
#   scripts/setup-auto-rankings.sh --dry-run                print the resulting crontab, change nothing
#   scripts/setup-auto-rankings.sh --remove                 remove the entry (and print it)
#
# Idempotent: the entry ends with the marker comment '# task-optimizer:auto-rankings'; running the
# script again replaces that line and leaves every other line of the crontab as it was. No path is
# hard-coded: the repository is the directory above this script, and the entry runs its 'taskopt'
# script (never target/taskopt.jar, which 'mvn clean' deletes). The entry records JAVA_HOME and
# PATH as they are now, because cron starts jobs with an almost empty environment. For the same
# config directory, schedule and environment it is the same line 'taskopt setup-auto-rankings'
# installs from a checkout.
set -euo pipefail

readonly MARKER="# task-optimizer:auto-rankings"
readonly DEFAULT_SCHEDULE="0 3 * * *"

fail() {
  printf 'setup-auto-rankings: error: %s\n' "$1" >&2
  exit "${2:-2}"
}

usage() {
  sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

# the directory part of a path, without calling dirname (so that only bash is needed up to the
# crontab check)
dir_of() {
  case "$1" in
    */*) printf '%s' "${1%/*}" ;;
    *) printf '.' ;;
  esac
}

# the repository: the parent of the directory this script is in (symlinks resolved)
script_path="${BASH_SOURCE[0]}"
while [ -L "$script_path" ]; do
  link_dir="$(cd -P "$(dir_of "$script_path")" && pwd)"
  script_path="$(readlink "$script_path")"
  case "$script_path" in /*) ;; *) script_path="$link_dir/$script_path" ;; esac
done
script_dir="$(cd -P "$(dir_of "$script_path")" && pwd)"
repo_dir="$(cd -P "$script_dir/.." && pwd)"

schedule="$DEFAULT_SCHEDULE"
config_dir="$repo_dir/config"
log_file=""
ollama=""
dry_run=0
remove=0

while [ $# -gt 0 ]; do
  case "$1" in
    --schedule) [ $# -ge 2 ] || fail "--schedule needs a value such as \"0 3 * * *\""; schedule="$2"; shift 2 ;;
    --schedule=*) schedule="${1#*=}"; shift ;;
    --config) [ $# -ge 2 ] || fail "--config needs a directory"; config_dir="$2"; shift 2 ;;
    --config=*) config_dir="${1#*=}"; shift ;;
    --ollama) [ $# -ge 2 ] || fail "--ollama needs a URL such as http://127.0.0.1:11434"; ollama="$2"; shift 2 ;;
    --ollama=*) ollama="${1#*=}"; shift ;;
    --log) [ $# -ge 2 ] || fail "--log needs a file"; log_file="$2"; shift 2 ;;
    --log=*) log_file="${1#*=}"; shift ;;
    --dry-run) dry_run=1; shift ;;
    --remove) remove=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) fail "unknown option '$1' (see --help)" ;;
  esac
done

# a cron field value: digits, or (month, weekday) a name; prints the number, fails otherwise
cron_number() {
  local v="${1,,}" names="$2" first="$3" i=0 n
  if [[ "$v" =~ ^[0-9]{1,2}$ ]]; then
    printf '%d' "$((10#$v))"
    return 0
  fi
  for n in $names; do
    if [ "$n" = "$v" ]; then
      printf '%d' "$((i + first))"
      return 0
    fi
    i=$((i + 1))
  done
  return 1
}

# whether one cron field (comma-separated items: '*', n or a-b, each with an optional /step) is in range
field_ok() {
  local field="$1" lo="$2" hi="$3" names="$4" first="$5" item range step a b
  case "$field" in ,*|*,|*,,*) return 1 ;; esac
  local -a items
  IFS=',' read -r -a items <<<"$field"
  for item in "${items[@]}"; do
    range="${item%%/*}"
    if [[ "$item" == */* ]]; then
      step="${item#*/}"
      [[ "$step" =~ ^[0-9]{1,2}$ ]] && [ "$((10#$step))" -ge 1 ] || return 1
    fi
    [ "$range" != "*" ] || continue
    a="$(cron_number "${range%%-*}" "$names" "$first")" || return 1
    b="$(cron_number "${range#*-}" "$names" "$first")" || return 1
    [ "$a" -ge "$lo" ] && [ "$b" -le "$hi" ] && [ "$a" -le "$b" ] || return 1
  done
  return 0
}

# a schedule is five cron fields, or one of cron's @ shortcuts; the same rules as 'taskopt setup-auto-rankings'
case "$schedule" in
  @reboot|@yearly|@annually|@monthly|@weekly|@daily|@midnight|@hourly) ;;
  *)
    read -r -a fields <<<"$schedule"
    [ "${#fields[@]}" -eq 5 ] || fail "schedule '$schedule' must have five fields (minute hour day month weekday), e.g. \"0 3 * * *\", or be @daily, @hourly, ..."
    field_names=(minute hour day-of-month month weekday)
    field_lo=(0 0 1 1 0)
    field_hi=(59 23 31 12 7)
    for i in 0 1 2 3 4; do
      f="${fields[$i]}"
      [[ "$f" =~ ^[0-9A-Za-z*/,-]+$ ]] || fail "schedule field '$f' of '$schedule' is not valid cron syntax"
      names=""; first=0
      [ "$i" -ne 3 ] || { names="jan feb mar apr may jun jul aug sep oct nov dec"; first=1; }
      [ "$i" -ne 4 ] || names="sun mon tue wed thu fri sat"
      field_ok "$f" "${field_lo[$i]}" "${field_hi[$i]}" "$names" "$first" \
        || fail "schedule '$schedule': the ${field_names[$i]} field '$f' must be '*', a number from ${field_lo[$i]} to ${field_hi[$i]}, a range 'a-b', a list 'a,b' or a step '*/n'"
    done
    schedule="${fields[*]}"
    ;;
esac

# a newline (or any control character) in a path would end the cron line and add another one:
# refuse it before anything is written
no_control() {
  if [[ "$2" =~ [[:cntrl:]] ]]; then
    fail "the $1 value contains a control character (such as a newline) and cannot go into a crontab entry, where it would end the line; use a path without control characters"
  fi
}

# relative paths are taken from the current directory, as the user typed them
case "$config_dir" in /*) ;; *) config_dir="$PWD/$config_dir" ;; esac
[ -n "$log_file" ] || log_file="$config_dir/auto-rankings.log"
case "$log_file" in /*) ;; *) log_file="$PWD/$log_file" ;; esac
no_control "--config" "$config_dir"
no_control "--log" "$log_file"
no_control "repository directory" "$repo_dir"
no_control "JAVA_HOME" "${JAVA_HOME:-}"
no_control "PATH" "$PATH"

# quotes a value for the shell cron runs the line with (single quotes unless it holds only safe
# characters, as 'taskopt setup-auto-rankings' does); '%' must be escaped in a crontab line
quote() {
  local s="$1" safe='^[A-Za-z0-9_./:@+=,-]+$'
  if [[ ! "$s" =~ $safe ]]; then
    s="'${s//\'/\'\\\'\'}'"
  fi
  printf '%s' "${s//%/\\%}"
}

environment=""
if [ -n "${JAVA_HOME:-}" ]; then
  environment="JAVA_HOME=$(quote "$JAVA_HOME") "
fi
environment="${environment}PATH=$(quote "$PATH") "
ollama_option=""
[ -z "$ollama" ] || ollama_option=" --ollama $(quote "$ollama")"
entry="$schedule cd $(quote "$repo_dir") && ${environment}./taskopt update-rankings --config $(quote "$config_dir")${ollama_option} >> $(quote "$log_file") 2>&1 $MARKER"

if ! command -v crontab >/dev/null 2>&1; then
  if [ "$dry_run" -eq 1 ]; then
    printf 'setup-auto-rankings: warning: crontab is not installed, so the current crontab cannot be read; the entry would be:\n' >&2
    [ "$remove" -eq 1 ] || printf '%s\n' "$entry"
    exit 0
  fi
  fail "crontab is not installed or not on the PATH; install cron (e.g. 'apt-get install cron' or 'dnf install cronie') or add this line to your scheduler yourself:
  $entry" 3
fi

if [ ! -x "$repo_dir/taskopt" ]; then
  printf 'setup-auto-rankings: warning: %s is missing or not executable; the job will fail until it is there\n' "$repo_dir/taskopt" >&2
fi

# the current crontab; "no crontab for <user>" means an empty one
status=0
current="$(crontab -l 2>/dev/null)" || status=$?
if [ $status -ne 0 ]; then
  errors="$(crontab -l 2>&1 >/dev/null || true)"
  case "$errors" in
    *"no crontab"*) current="" ;;
    *) fail "cannot read the current crontab ('crontab -l' failed: ${errors:-exit status $status}); nothing was changed" 4 ;;
  esac
fi

# every line except ours, then ours (unless removing)
result=""
removed=0
removed_lines=""
while IFS= read -r line || [ -n "$line" ]; do
  if [[ "$line" == *"$MARKER"* ]]; then
    removed=$((removed + 1))
    removed_lines+="  $line"$'\n'
    continue
  fi
  result+="$line"$'\n'
done <<<"$current"
# drop the empty line the here-string adds for an empty crontab
[ -n "$current" ] || result=""
if [ "$remove" -eq 0 ]; then
  result+="$entry"$'\n'
fi

if [ "$dry_run" -eq 1 ]; then
  printf '%s' "$result"
  exit 0
fi

if [ "$remove" -eq 0 ]; then
  mkdir -p "$(dir_of "$log_file")" || fail "cannot create the log directory $(dir_of "$log_file")"
fi
printf '%s' "$result" | crontab - || fail "'crontab -' refused the new crontab; nothing was changed" 4

if [ "$remove" -eq 1 ]; then
  if [ "$removed" -eq 0 ]; then
    printf 'setup-auto-rankings: no entry to remove\n'
  else
    printf 'setup-auto-rankings: removed:\n%s' "$removed_lines"
  fi
else
  printf 'setup-auto-rankings: installed: %s\n' "$entry"
fi
