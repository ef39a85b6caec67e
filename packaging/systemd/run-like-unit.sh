#!/usr/bin/env bash
# Runs plexd (or any command) under the restrictions of plexd.service where systemd cannot start units (CI, tests):
# a private mount namespace in which every mount is read-only (ProtectSystem=strict) except the writable paths,
# private /tmp (PrivateTmp), hidden /root and /home (ProtectHome), a private /run/wireguard, then setpriv to the
# service user with only CAP_NET_ADMIN and CAP_NET_RAW (ambient + bounding) and no_new_privs (NoNewPrivileges).
#   PLEXD_UNIT_USER=uid:gid PLEXD_UNIT_WRITABLE="dir ..." run-like-unit.sh /path/to/plexd up --config FILE
# Must run as root (it builds the namespace before dropping privileges).
set -euo pipefail
user="${PLEXD_UNIT_USER:?set PLEXD_UNIT_USER=uid:gid}"
writable="${PLEXD_UNIT_WRITABLE:-}"
# PLEXD_UNIT_EXEC: the program to run, when the caller can only pass its arguments.
[ -z "${PLEXD_UNIT_EXEC:-}" ] || set -- "$PLEXD_UNIT_EXEC" "$@"
exec unshare --mount --propagation private -- bash -euo pipefail -c '
  user="$1"; writable="$2"; shift 2
  first="${writable%% *}"; [ -n "$first" ] || { echo "run-like-unit.sh: PLEXD_UNIT_WRITABLE is empty" >&2; exit 1; }
  wg="$first/.run-wireguard"; mkdir -p "$wg"; chown "$user" "$wg"; chmod 0755 "$wg"
  # ProtectSystem=strict: every mount read-only except the API file systems.
  awk "{print \$2}" /proc/self/mounts | sort -u | while read -r m; do
    case "$m" in /proc|/proc/*|/sys|/sys/*|/dev|/dev/*) continue ;; esac
    mount -o remount,bind,ro "$m" 2>/dev/null || true
  done
  for w in $writable; do mount --bind "$w" "$w"; mount -o remount,bind,rw "$w"; done
  mkdir -p /run/wireguard 2>/dev/null || true
  mount --bind "$wg" /run/wireguard && mount -o remount,bind,rw /run/wireguard   # RuntimeDirectory=wireguard
  # PrivateTmp=yes, unless what runs lives under /tmp (a checkout there would vanish; the installed unit runs /usr).
  case "$1 $writable" in
    /tmp/*|*" /tmp/"*) echo "run-like-unit.sh: PrivateTmp not emulated: $1 or a writable path is under /tmp" >&2 ;;
    *) mount -t tmpfs -o mode=1777 tmpfs /tmp ;;
  esac
  for h in /root /home; do [ -d "$h" ] && mount -t tmpfs -o ro,mode=0755 tmpfs "$h"; done   # ProtectHome=yes
  exec setpriv --reuid="${user%%:*}" --regid="${user##*:}" --clear-groups \
    --inh-caps=-all,+net_admin,+net_raw --ambient-caps=-all,+net_admin,+net_raw --bounding-set=-all,+net_admin,+net_raw \
    --no-new-privs -- "$@"
' run-like-unit "$user" "$writable" "$@"
