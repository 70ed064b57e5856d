# tests/cli.d/deps.sh -- the README's package lists are those .ci/deps
# installs, and .ci/deps tells a user without root or sudo what to run
# (sourced by tests/cli.sh).
deps_of() { # the packages of one group of .ci/deps
    sed -n "s/^ *$1) *want=\"\$want \([^\"]*\)\".*$/\1/p" .ci/deps
}
build_pkgs=$(deps_of build)
test_pkgs=$(deps_of test)
ok deps-groups-read test -n "$build_pkgs" -a -n "$test_pkgs"
readme_quick=$(sed -n '/^## Quick start/,/^## /p' README.md)
for p in $build_pkgs $test_pkgs; do
    ok "readme-names-package:$p" sh -c 'printf "%s\n" "$1" | grep -q "\`$2\`"' sh "$readme_quick" "$p"
done
# the README's one command installs exactly these, without recommends
line=$(printf '%s\n' "$readme_quick" | sed -n "s/^su -c 'apt-get install -y --no-install-recommends \(.*\)'$/\1/p")
ok readme-install-line test "$(printf '%s\n' $line | sort)" = "$(printf '%s\n' $build_pkgs $test_pkgs | sort)"
ok deps-no-recommends grep -q 'apt-get install -y -qq --no-install-recommends \$missing' .ci/deps

# Without root or sudo: a fake dpkg-query that knows no package, a fake id
# that is not root, and no sudo nor apt-get on the PATH (so nothing can be
# installed whatever happens).
mkdir -p "$tmp/fakebin"
printf '#!/bin/sh\nexit 1\n' >"$tmp/fakebin/dpkg-query"
printf '#!/bin/sh\necho 1000\n' >"$tmp/fakebin/id"
chmod +x "$tmp/fakebin/dpkg-query" "$tmp/fakebin/id"
PATH="$tmp/fakebin" /bin/sh .ci/deps build >"$tmp/deps.out" 2>&1
ok deps-no-root-fails test $? -eq 1
ok deps-no-root-sudo-line grep -qx "breakeven: install them with: sudo apt-get install -y --no-install-recommends $build_pkgs" "$tmp/deps.out"
ok deps-no-root-su-line grep -qx "breakeven: or, without sudo: su -c 'apt-get install -y --no-install-recommends $build_pkgs'" "$tmp/deps.out"
