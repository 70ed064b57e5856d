# tests/cli.d/output.sh -- -o onto things that are not regular files
# (sourced by tests/cli.sh).  A regular file or a new name is written
# through a temporary file renamed onto it; a symbolic link is followed
# (its target is written, the link stays); a FIFO and a character device
# are written directly, since a rename would replace the node itself.
# Device nodes are made here, in a temporary folder, never /dev/null.
O="$tmp/outnodes"
rm -rf "$O"
mkdir -p "$O/sub"
E=examples/engine-analyzer.yaml
no_temp() { test "$(ls -A "$O" "$O/sub" | grep -c 'tmp-')" -eq 0; }

# A symbolic link to a regular file: the target gets the result, the link
# stays a link.
echo old >"$O/target.json"
ln -s target.json "$O/link.json"
expect out-symlink 0 "" solve $E --format json -o "$O/link.json"
ok out-symlink-still-link test -L "$O/link.json"
ok out-symlink-target-written grep -q '"status": "optimal"' "$O/target.json"
ok out-symlink-no-temp no_temp

# A relative link in another folder, through a second link: resolved from
# each link's own folder; the temporary file goes beside the final target.
echo old >"$O/sub/final.csv"
ln -s final.csv "$O/sub/inner.csv"
ln -s sub/inner.csv "$O/outer.csv"
expect out-symlink-chain 0 "" solve $E --format csv -o "$O/outer.csv"
ok out-symlink-chain-links test -L "$O/outer.csv" -a -L "$O/sub/inner.csv"
ok out-symlink-chain-target grep -q '^period,device' "$O/sub/final.csv"
ok out-symlink-chain-no-temp no_temp

# A dangling link: its target is created.
ln -s made.json "$O/dangling.json"
expect out-symlink-dangling 0 "" solve $E --format json -o "$O/dangling.json"
ok out-symlink-dangling-link test -L "$O/dangling.json"
ok out-symlink-dangling-made grep -q '"status": "optimal"' "$O/made.json"

# A loop of links is an error, and nothing is written.
ln -s loop-b "$O/loop-a"
ln -s loop-a "$O/loop-b"
expect out-symlink-loop 4 "loop-a: cannot write: Too many levels of symbolic links" solve $E -o "$O/loop-a"
ok out-symlink-loop-no-temp no_temp

# lp -o writes through GLPK's own writer: same rules.
expect lp-out-symlink 0 "" lp $E -o "$O/link.json"
ok lp-out-symlink-still-link test -L "$O/link.json"
ok lp-out-symlink-target grep -q '^Minimize' "$O/target.json"
ok lp-out-symlink-no-temp no_temp

# A FIFO: a reader started first gets the whole result, and the FIFO is
# still a FIFO.  (The reader is bounded by timeout: if the program
# replaced the FIFO the reader would wait for ever.)
fifo_run() { # fifo_run NAME REGEX ARGS... (the FIFO is $O/fifo)
    n=$1 re=$2
    shift 2
    rm -f "$O/fifo" "$O/got"
    mkfifo "$O/fifo"
    timeout 60 cat "$O/fifo" >"$O/got" &
    reader=$!
    expect "$n" 0 "" "$@"
    ok "$n-still-fifo" test -p "$O/fifo"
    if ! test -p "$O/fifo"; then kill "$reader" 2>/dev/null; fi
    wait "$reader"
    ok "$n-reader-got-it" grep -Eq -- "$re" "$O/got"
    ok "$n-no-temp" no_temp
}
fifo_run out-fifo '"status": "optimal"' solve $E --format json -o "$O/fifo"
fifo_run lp-out-fifo '^Minimize' lp $E -o "$O/fifo"
fifo_run lp-mps-out-fifo '^ROWS' lp $E --format mps -o "$O/fifo"
fifo_run plan-out-fifo '^breakeven_plan: 1$' solve $E --plan-out "$O/fifo"
fifo_run report-out-fifo '^<!DOCTYPE html>' report $E -o "$O/fifo"
fifo_run threshold-out-fifo '^param,from,to' threshold $E --param devices.analyzer.price --range 1000:2000 --grid 3 --format csv -o "$O/fifo"

# batch --output-dir writes DIR/NAME.json and DIR/NAME.summary the same
# way: a link placed there is followed.
mkdir -p "$O/res"
echo old >"$O/sub/engine.json"
ln -s ../sub/engine.json "$O/res/engine-analyzer.json"
expect batch-out-symlink 0 "" batch $E --output-dir "$O/res"
ok batch-out-symlink-link test -L "$O/res/engine-analyzer.json"
ok batch-out-symlink-target grep -q '"status": "optimal"' "$O/sub/engine.json"

# A character device made here (1,3 is the null device): it stays a
# device and the run succeeds.  Needs root (mknod) and a file system that
# allows device nodes.
if [ "$(id -u)" = 0 ] && mknod "$O/null" c 1 3 2>/dev/null &&
   echo probe >"$O/null" 2>/dev/null; then
    expect out-chardev 0 "" solve $E --format json -o "$O/null"
    ok out-chardev-still-device test -c "$O/null"
    expect lp-out-chardev 0 "" lp $E -o "$O/null"
    ok lp-out-chardev-still-device test -c "$O/null"
    expect plot-out-chardev 0 "" plot $E --chart fleet --format png -o "$O/null"
    ok plot-out-chardev-still-device test -c "$O/null"
    ok out-chardev-no-temp no_temp
else
    echo "note: not root (or device nodes not allowed here): 7 character-device checks of output.sh skipped"
fi
rm -rf "$O"
