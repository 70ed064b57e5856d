#!/bin/sh
# Build breakeven (installing the Debian packages it needs when it may) and
# solve the seed model.  The README's first command.
set -e
cd "$(dirname "$0")"
sh .ci/deps build
make
./build/breakeven solve models/seed-1mw.yaml
