#!/bin/sh
# Installs the plexd node agent on a Linux host (spec 05 §10; docs/deployment.md).
#
#   curl -fsSL https://get.plexsphere.io/install.sh | sudo sh -s -- [--token T] [--api-url URL] [--version V] [--no-start]
#
#   --token T        bootstrap token, stored in /etc/plexd/bootstrap-token
#   --api-url URL    control plane URL, written into a fresh /etc/plexd/config.yaml
#   --version V      release to install (default: latest)
#   --no-start       do not run `systemctl enable --now plexd`
#
# PLEXD_ARTIFACT_URL (default https://artifacts.plexsphere.io/plexd) is where <version>/plexd-linux-<arch> and
# <version>/checksums.sha256 are fetched from. The artifact is either one executable or a gzip'd tar of the agent's
# directory (plexd, its assemblies, plugins.yaml, plugins/); the content decides. With PLEXD_INSTALL_TEST=1 the script
# only defines its functions (tests source it).

set -eu

PLEXD_ARTIFACT_URL="${PLEXD_ARTIFACT_URL:-https://artifacts.plexsphere.io/plexd}"
TOKEN=""
API_URL=""
VERSION="latest"
NO_START=""
WORK_DIR=""

info() { printf '[INFO] %s\n' "$*"; }
warn() { printf '[WARN] %s\n' "$*" >&2; }
fatal() { printf '[FATAL] %s\n' "$*" >&2; exit 1; }

remove_work_dir() {
    if [ -n "${WORK_DIR}" ] && [ -d "${WORK_DIR}" ]; then
        rm -rf "${WORK_DIR}"
    fi
}

parse_args() {
    while [ $# -gt 0 ]; do
        case "$1" in
            --token)
                [ $# -ge 2 ] || fatal "--token requires a value"
                TOKEN="$2"
                shift 2
                ;;
            --api-url)
                [ $# -ge 2 ] || fatal "--api-url requires a value"
                API_URL="$2"
                shift 2
                ;;
            --version)
                [ $# -ge 2 ] || fatal "--version requires a value"
                VERSION="$2"
                shift 2
                ;;
            --no-start)
                NO_START=1
                shift
                ;;
            *)
                fatal "unknown option: $1"
                ;;
        esac
    done
}

# Sets OS; only Linux is supported.
detect_os() {
    OS="$(uname -s)"
    [ "${OS}" = "Linux" ] || fatal "unsupported operating system: ${OS} (plexd runs on Linux only)"
}

# Sets ARCH from the machine name: x86_64 -> amd64, aarch64 -> arm64.
detect_arch() {
    MACHINE="$(uname -m)"
    case "${MACHINE}" in
        x86_64) ARCH="amd64" ;;
        aarch64) ARCH="arm64" ;;
        *) fatal "unsupported architecture: ${MACHINE} (supported: x86_64, aarch64)" ;;
    esac
}

# Sets SHA256: sha256sum, else shasum -a 256.
find_sha256() {
    if command -v sha256sum >/dev/null 2>&1; then
        SHA256="sha256sum"
    elif command -v shasum >/dev/null 2>&1; then
        SHA256="shasum -a 256"
    else
        fatal "neither sha256sum nor shasum is installed"
    fi
}

# Sets DOWNLOADER: curl, else wget.
find_downloader() {
    if command -v curl >/dev/null 2>&1; then
        DOWNLOADER="curl"
    elif command -v wget >/dev/null 2>&1; then
        DOWNLOADER="wget"
    else
        fatal "neither curl nor wget is installed"
    fi
}

# download URL FILE
download() {
    info "downloading $1"
    case "${DOWNLOADER}" in
        curl) curl -fsSL -o "$2" "$1" || fatal "download failed: $1" ;;
        wget) wget -q -O "$2" "$1" || fatal "download failed: $1" ;;
    esac
}

# verify_checksum FILE CHECKSUMS NAME: the hash on the line of CHECKSUMS naming NAME must be FILE's.
verify_checksum() {
    expected="$(awk -v name="$3" '{ file = $2; sub(/^\*/, "", file) } file == name { print $1; exit }' "$2")"
    [ -n "${expected}" ] || fatal "no checksum for $3 in checksums.sha256"
    actual="$(${SHA256} "$1" | awk '{ print $1 }')"
    [ "${expected}" = "${actual}" ] || fatal "checksum mismatch for $3: expected ${expected}, got ${actual}"
    info "checksum verified: $3 ${actual}"
}

# is_gzip FILE: true when FILE starts with the gzip magic bytes 1f 8b.
is_gzip() {
    [ "$(od -An -tx1 -N2 "$1" | tr -d ' \n')" = "1f8b" ]
}

# stage_agent FILE: sets AGENT to the plexd executable to run. A gzip'd tar is extracted (plexd at its top or in its
# one top-level directory); a single executable is put alone in a directory as `plexd`, since `plexd install` copies
# the directory it runs from.
stage_agent() {
    tree="${WORK_DIR}/agent"
    mkdir -p "${tree}"
    if is_gzip "$1"; then
        tar -xzf "$1" -C "${tree}" || fatal "cannot extract $(basename "$1")"
        if [ -f "${tree}/plexd" ]; then
            AGENT="${tree}/plexd"
        else
            AGENT=""
            for candidate in "${tree}"/*/plexd; do
                if [ -f "${candidate}" ]; then
                    AGENT="${candidate}"
                    break
                fi
            done
            [ -n "${AGENT}" ] || fatal "$(basename "$1") holds no plexd executable"
        fi
    else
        cp "$1" "${tree}/plexd"
        AGENT="${tree}/plexd"
    fi
    chmod +x "${AGENT}"
}

# run_install: `plexd install`, with --token and --api-url only when given.
run_install() {
    set -- install
    [ -z "${TOKEN}" ] || set -- "$@" --token "${TOKEN}"
    [ -z "${API_URL}" ] || set -- "$@" --api-url "${API_URL}"
    info "running plexd install"
    "${AGENT}" "$@" || fatal "plexd install failed"
}

print_summary() {
    info "plexd ${VERSION} installed"
    info "  program: /usr/bin/plexd -> /usr/lib/plexd/plexd"
    info "  config:  /etc/plexd/config.yaml"
    info "  unit:    plexd.service"
    if [ -z "${API_URL}" ]; then
        info "  set api_url in /etc/plexd/config.yaml (unless it is already set)"
    fi
    if [ -z "${TOKEN}" ]; then
        info "  no bootstrap token given: register with 'plexd join --token-file FILE' (or write the token to /etc/plexd/bootstrap-token)"
    fi
    if [ -n "${NO_START}" ]; then
        info "  start it with: systemctl enable --now plexd"
    else
        info "  status: systemctl status plexd; logs: journalctl -u plexd -f"
    fi
}

main() {
    parse_args "$@"
    detect_os
    detect_arch
    find_sha256
    find_downloader
    info "installing plexd ${VERSION} for linux-${ARCH}"

    WORK_DIR="$(mktemp -d)"
    trap remove_work_dir EXIT
    trap 'exit 1' INT TERM

    name="plexd-linux-${ARCH}"
    download "${PLEXD_ARTIFACT_URL}/${VERSION}/${name}" "${WORK_DIR}/${name}"
    download "${PLEXD_ARTIFACT_URL}/${VERSION}/checksums.sha256" "${WORK_DIR}/checksums.sha256"
    verify_checksum "${WORK_DIR}/${name}" "${WORK_DIR}/checksums.sha256" "${name}"
    stage_agent "${WORK_DIR}/${name}"
    run_install

    if [ -z "${NO_START}" ]; then
        info "enabling and starting plexd"
        systemctl enable --now plexd || fatal "systemctl enable --now plexd failed"
    else
        info "not starting plexd (--no-start)"
    fi
    print_summary
}

if [ "${PLEXD_INSTALL_TEST:-}" != "1" ]; then
    main "$@"
fi
