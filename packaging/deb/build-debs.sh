#!/usr/bin/env bash
# Builds .deb packages from artifacts/plexd/ (run packaging/build.sh first): `plexd` (core, CLI, unit, default config,
# plugins.yaml, accounts and directories) and one `plexd-plugin-<name>` per plugin that was built. Output: $DEB_OUT or artifacts/deb/.
set -euo pipefail
cd "$(dirname "$0")/../.."
src="artifacts/plexd"
out="${DEB_OUT:-artifacts/deb}"
[ -x "$src/plexd" ] || { echo "build-debs.sh: $src/plexd is missing; run packaging/build.sh first" >&2; exit 1; }
version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props)"
arch="$(dpkg --print-architecture)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rm -rf "$out" && mkdir -p "$out"

# control FILE: writes DEBIAN/control of a staged tree ($1: tree, $2: package, $3: depends, $4: description, $5: extra fields)
control() {
  local tree="$1" size
  size="$(du -sk --exclude=DEBIAN "$tree" | cut -f1)"
  mkdir -p "$tree/DEBIAN"
  {
    echo "Package: $2"
    echo "Version: $version"
    echo "Architecture: $arch"
    echo "Maintainer: plexd for .NET contributors <plexd@localhost>"
    echo "Installed-Size: $size"
    echo "Section: net"
    echo "Priority: optional"
    [ -n "$3" ] && echo "Depends: $3"
    [ -n "${5:-}" ] && printf '%s\n' "$5"
    echo "Description: $4"
  } > "$tree/DEBIAN/control"
}

build() { dpkg-deb --root-owner-group -Zgzip -z1 --build "$1" "$out/$2_${version}_${arch}.deb" >/dev/null; }

# The core package. The .NET runtime comes from Microsoft's (or Ubuntu's) aspnetcore-runtime-10.0 package.
core="$work/plexd"
mkdir -p "$core/usr/lib/plexd" "$core/usr/bin" "$core/usr/lib/systemd/system" "$core/usr/lib/sysusers.d" \
  "$core/usr/lib/tmpfiles.d" "$core/etc/plexd" "$core/usr/share/doc/plexd"
find "$src" -maxdepth 1 -type f -exec cp -p {} "$core/usr/lib/plexd/" \;
mkdir -p "$core/usr/lib/plexd/plugins"
ln -s ../lib/plexd/plexd "$core/usr/bin/plexd"
cp packaging/systemd/plexd.service "$core/usr/lib/systemd/system/plexd.service"
cp packaging/deb/plexd.sysusers "$core/usr/lib/sysusers.d/plexd.conf"
cp packaging/deb/plexd.tmpfiles "$core/usr/lib/tmpfiles.d/plexd.conf"
"$src/plexd" install --print-default-config > "$core/etc/plexd/config.yaml"
chmod 0640 "$core/etc/plexd/config.yaml"
cp docs/deployment.md docs/configuration.md docs/cli.md "$core/usr/share/doc/plexd/" 2>/dev/null || true
control "$core" plexd "libsodium23, aspnetcore-runtime-10.0, systemd | systemd-standalone-sysusers, systemd | systemd-standalone-tmpfiles, plexd-plugin-wireguard (= $version)" \
  "node agent of a Plexsphere-managed environment
 Registers the node, verifies signed control-plane events, heartbeats and reconciles; plugins add the WireGuard mesh,
 policy, access, actions, telemetry and the node API. Runs as the hardened systemd unit plexd.service." \
  "Recommends: plexd-plugin-policy, plexd-plugin-nodeapi"
echo "/etc/plexd/config.yaml" > "$core/DEBIAN/conffiles"
install -m 0755 packaging/deb/postinst packaging/deb/prerm packaging/deb/postrm "$core/DEBIAN/"
build "$core" plexd

# One package per built plugin, named and placed as plugins.yaml says.
while IFS=: read -r name deps; do
  case "$name" in ''|'#'*) continue ;; esac
  folder="$(awk -v n="$name" '$0 ~ "- name: "n"$" {f=1; next} f && /assembly:/ {split($2, a, "/"); print a[1]; exit}' plugins.yaml)"
  package="plexd-plugin-$name"
  [ -n "$folder" ] && [ -d "$src/plugins/$folder" ] || { echo "skipping $package: plugin not built"; continue; }
  tree="$work/$package"
  mkdir -p "$tree/usr/lib/plexd/plugins"
  cp -rp "$src/plugins/$folder" "$tree/usr/lib/plexd/plugins/$folder"
  # A plugin that needs more than the unit grants ships a drop-in for it (packaging/systemd/plugins/<name>.conf).
  if [ -f "packaging/systemd/plugins/$name.conf" ]; then
    mkdir -p "$tree/usr/lib/systemd/system/plexd.service.d"
    install -m 0644 "packaging/systemd/plugins/$name.conf" "$tree/usr/lib/systemd/system/plexd.service.d/$package.conf"
  fi
  deps="$(echo "$deps" | sed 's/^ *//')"
  control "$tree" "$package" "plexd (= $version)${deps:+, $deps}" "plexd plugin $name
 The $name plugin of the plexd node agent, loaded from /usr/lib/plexd/plugins/$folder as plugins.yaml lists it."
  build "$tree" "$package"
done < packaging/deb/plugin-depends
ls -1 "$out"
