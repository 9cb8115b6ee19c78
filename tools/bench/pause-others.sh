#!/bin/bash
# Runs a command with every other java and python3 process of the machine paused (SIGSTOP, checked
# again every 2 s for new ones; SIGCONT when the command ends, however it ends). For timing sittings
# on a shared machine: other users' builds and tests stop competing for the cores meanwhile.
# Processes this script starts are marked with PAUSE_OTHERS_MINE=1 in their environment and left
# running. Usage: tools/bench/pause-others.sh COMMAND [ARGS...]
export PAUSE_OTHERS_MINE=1
stopped=$(mktemp)
(
  while true; do
    for p in $(pgrep -x 'java|python3'); do
      grep -qz '^PAUSE_OTHERS_MINE=1$' /proc/$p/environ 2>/dev/null && continue
      if ! grep -qx "$p" "$stopped"; then kill -STOP "$p" 2>/dev/null && echo "$p" >> "$stopped"; fi
    done
    sleep 2
  done
) &
watcher=$!
trap 'kill $watcher 2>/dev/null; wait $watcher 2>/dev/null; kill -CONT $(cat "$stopped") 2>/dev/null; rm -f "$stopped"' EXIT INT TERM
sleep 1
"$@"
