#!/usr/bin/env bash
# Installs everything needed to run the Go notebooks in this directory:
#   - Jupyter (Debian packages: nbconvert, nbclient, jupyter-client/core, ipykernel),
#   - the GoNB kernel and goimports, built from the Go module proxy (pinned versions),
#   - the "gonb" kernel spec.
# Idempotent: a second run only checks and skips (a few seconds).
#
# Environment knobs (all optional):
#   BIN_DIR        where gonb/goimports go (default /usr/local/bin if writable,
#                  else $(go env GOPATH)/bin)
#   INSTALL_GOPLS  1 to also build gopls (auto-complete in interactive Jupyter;
#                  not needed headless)
#   SKIP_APT       1 to skip the Debian packages step
#   FORCE          1 to rebuild the Go tools even if the pinned versions are present
#   WARM_CACHE     1 to also `go build ./...` the repo, so the first notebook
#                  cell does not compile gorgonia & co. inside the kernel
set -euo pipefail

GONB_VERSION=v0.11.1    # github.com/janpfeifer/gonb
TOOLS_VERSION=v0.36.0   # golang.org/x/tools (goimports)
GOPLS_VERSION=v0.20.0   # golang.org/x/tools/gopls (optional)
KERNEL_NAME=gonb

NB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$NB_DIR/.." && pwd)"

log() { printf '[notebooks/install] %s\n' "$*"; }

command -v go >/dev/null || { echo "go not found on PATH" >&2; exit 1; }
GO_BIN_DIR="$(dirname "$(command -v go)")"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# --- 1. Jupyter from Debian packages --------------------------------------
APT_PKGS=(jupyter-nbconvert python3-nbclient jupyter-client jupyter-core python3-ipykernel)
if [ "${SKIP_APT:-0}" != 1 ]; then
  missing=()
  for p in "${APT_PKGS[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    log "apt-get install ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    log "Debian Jupyter packages already installed"
  fi
fi
command -v jupyter >/dev/null || { echo "jupyter not found after install" >&2; exit 1; }

# --- 2. GoNB + goimports (+ gopls) from the module proxy -------------------
if [ -z "${BIN_DIR:-}" ]; then
  if [ -w /usr/local/bin ]; then BIN_DIR=/usr/local/bin; else BIN_DIR="$(go env GOPATH)/bin"; fi
fi
mkdir -p "$BIN_DIR"

# has_dep BINARY MODULE VERSION: true if BINARY exists and was built with MODULE@VERSION.
has_dep() {
  [ -x "$1" ] && go version -m "$1" 2>/dev/null | grep -Eq "^[[:space:]]+(dep|mod)[[:space:]]+$2[[:space:]]+$3([[:space:]]|$)"
}

need_build=()
if [ "${FORCE:-0}" = 1 ] || ! has_dep "$BIN_DIR/gonb" github.com/janpfeifer/gonb "$GONB_VERSION"; then
  need_build+=(gonb)
fi
if [ "${FORCE:-0}" = 1 ] || ! has_dep "$BIN_DIR/goimports" golang.org/x/tools "$TOOLS_VERSION"; then
  need_build+=(goimports)
fi
if [ "${INSTALL_GOPLS:-0}" = 1 ] && { [ "${FORCE:-0}" = 1 ] || ! has_dep "$BIN_DIR/gopls" golang.org/x/tools/gopls "$GOPLS_VERSION"; }; then
  need_build+=(gopls)
fi

if [ "${#need_build[@]}" -gt 0 ]; then
  log "building ${need_build[*]} into $BIN_DIR"
  work="$(mktemp -d /tmp/pinn-nb-tools.XXXXXX)"
  trap 'rm -rf "$work"' EXIT
  export GOTOOLCHAIN=local
  # `go install pkg@version` refuses here (the proxy does not serve version
  # lists); a throw-away module per tool, with explicit versions, works.
  for t in "${need_build[@]}"; do
    case "$t" in
      gonb)      mod="github.com/janpfeifer/gonb@$GONB_VERSION";   pkg=github.com/janpfeifer/gonb ;;
      goimports) mod="golang.org/x/tools@$TOOLS_VERSION";          pkg=golang.org/x/tools/cmd/goimports ;;
      gopls)     mod="golang.org/x/tools/gopls@$GOPLS_VERSION";    pkg=golang.org/x/tools/gopls ;;
    esac
    mkdir -p "$work/$t"
    (
      cd "$work/$t"
      go mod init "pinn-notebook-tools/$t" >/dev/null 2>&1
      go get "$mod"
      go build -mod=mod -o "$BIN_DIR/$t" "$pkg"
    )
  done
else
  log "gonb $GONB_VERSION and goimports $TOOLS_VERSION already in $BIN_DIR"
fi

# --- 3. Kernel spec -----------------------------------------------------------
# Written by hand (same content as `gonb --install`) so that the kernel's PATH
# always has goimports and go, whatever PATH Jupyter is started with.
DATA_DIR="$(jupyter --data-dir)"
KDIR="$DATA_DIR/kernels/$KERNEL_NAME"
mkdir -p "$KDIR"
cat >"$KDIR/kernel.json.new" <<EOF
{
  "argv": ["$BIN_DIR/gonb", "--kernel", "{connection_file}", "--logtostderr"],
  "display_name": "Go (gonb)",
  "language": "go",
  "interrupt_mode": "message",
  "env": {"PATH": "$BIN_DIR:$GO_BIN_DIR:\${PATH}", "GOTOOLCHAIN": "local"}
}
EOF
if cmp -s "$KDIR/kernel.json.new" "$KDIR/kernel.json" 2>/dev/null; then
  rm "$KDIR/kernel.json.new"
  log "kernel spec $KDIR unchanged"
else
  mv "$KDIR/kernel.json.new" "$KDIR/kernel.json"
  log "kernel spec written to $KDIR/kernel.json"
fi

# --- 4. Optional: warm the Go build cache with the repo's packages -----------
# The kernel compiles cells with plain `go build`, so packages already in the
# build cache (gorgonia, gonum/plot, ...) are not compiled again in the first
# cell. Off by default: it builds the whole repo, more than a notebook needs.
if [ "${WARM_CACHE:-0}" = 1 ]; then
  log "warming the Go build cache: go build ./... in $REPO_DIR"
  if ! (cd "$REPO_DIR" && GOTOOLCHAIN=local go build ./... ); then
    log "warning: go build ./... failed; notebooks will compile what they need themselves"
  fi
fi

log "done. Run the notebooks with: bash $NB_DIR/run.sh"
