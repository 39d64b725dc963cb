#!/usr/bin/env bash
# The consumer test for cdktn-azure-vpn (npm run test:consumer:cdktn): scripts/consumer-test.sh,
# run on the cdktn package in an app made the way `cdktn init --template=typescript` makes one.
#
# 1. builds dist/cdktn-azure-vpn-<version>.tgz (npm run pack:cdktn);
# 2. takes cdktn-cli's typescript template from the cdktn-cli package (npm pack, not installed:
#    cdktn-cli 0.24 needs Node.js 22.19 and is not a dependency of this repository);
# 3. writes the README and the consumer app rewritten for cdktn (scripts/cdktn-variant.ts
#    consumer-inputs): the README's cdktn install command, with its `npm pkg set` override, is the
#    one the app installs;
# 4. runs scripts/consumer-test.sh with those.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CDKTN_CLI_VERSION="0.24.0"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/consumer-test-cdktn.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

echo "cdktn consumer test: packing cdktn-azure-vpn"
TARBALL="$REPO/$(cd "$REPO" && npm run --silent pack:cdktn < /dev/null | tail -n 1)"
[ -f "$TARBALL" ] || { echo "consumer-test-cdktn: pack:cdktn wrote no tarball ($TARBALL)" >&2; exit 1; }

(cd "$WORK" && npm pack --silent --prefer-offline "cdktn-cli@$CDKTN_CLI_VERSION" < /dev/null > /dev/null && tar -xzf "cdktn-cli-$CDKTN_CLI_VERSION.tgz" package/bundle/templates/typescript)
TEMPLATE="$WORK/package/bundle/templates/typescript"
[ -f "$TEMPLATE/tsconfig.json" ] || { echo "consumer-test-cdktn: no typescript template in cdktn-cli@$CDKTN_CLI_VERSION" >&2; exit 1; }

(cd "$REPO" && node_modules/.bin/ts-node --project tsconfig.dev.json scripts/cdktn-variant.ts consumer-inputs "$WORK/inputs" < /dev/null)

bash "$REPO/scripts/consumer-test.sh" \
  --tarball "$TARBALL" \
  --readme "$WORK/inputs/README.md" \
  --init-template "$TEMPLATE" \
  --app-source "$WORK/inputs/consumer-app"
