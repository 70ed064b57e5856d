# tests/cli.d/input-forms.sh -- model files written from textbooks and
# from YAML habits (issue 14, items 1 to 4; docs/schema.md "Reading the
# file").  Sourced by tests/cli.sh: uses expect, ok, $tmp, $D and $BIN.

F=$D/textbook-forms.yaml
# 1. Textbook years: year 0 and year 1 are horizon starts; labels print the
# year as a plain number (0-01 .. 1-12 for 24 months from year 0).
expect forms-check 0 "^$F: valid model 'Textbook forms: year 0, monthly ages': 24 periods, 2 devices, 22 cohorts$" check $F
expect forms-explain-labels 0 '^24 periods \(0-01 to 1-12\)' explain $F
# The engine analyzer as Winston numbers it, years 1 to 5: the same 1,280,
# and the first trade-in of a cheapest plan lands in a year from 2 to 4.
expect textbook-year-1 0 '^In [234]: .*net present cost 1,280\.$' solve examples/engine-analyzer.yaml --set horizon.start=1
expect textbook-year-0 0 '"objective": 1280(\.0+)?,' solve examples/engine-analyzer.yaml --set horizon.start=0 --format json
expect textbook-quarter 0 '^0-Q1 ' solve examples/engine-analyzer.yaml --set horizon.start=0 --set horizon.period=quarter --set horizon.periods=20
expect textbook-negative 3 'horizon: start must be from 0 to 9999, found -1$' check examples/engine-analyzer.yaml --set horizon.start=-1

# 2. Ages near a whole number of months are read as that month, and check
# says so at the value's line and column; 1.5 and "18 months" are exact.
expect forms-note-1 0 "^$F:33:34: note: fleet entry 1: age 0\.0833333 years read as 1 month \(0\.0833 years\)$" check $F
expect forms-note-2 0 "^$F:34:34: note: fleet entry 2: age 0\.08 years read as 1 month \(0\.0833 years\)$" check $F
ok forms-two-notes test "$(grep -c 'note:' "$tmp/out")" -eq 2
expect forms-quiet 0 '' check $F --quiet
ok forms-quiet-silent test ! -s "$tmp/all"
# 0.09 years is 1.08 months: refused, with the nearest whole month.
expect age-between 3 'fleet entry 1: age 0\.09 years is not a whole number of months; did you mean 0\.0833 \(1 month\)\?$' check $F --set fleet.1.age=0.09
expect age-did-you-mean-accepted 0 'valid model' check $F --set fleet.1.age=0.0833
expect age-in-words 0 'valid model' check $F --set "fleet.1.age=7 months"
expect age-in-quarters-words 3 "age '7 months' is not a whole number of quarters \(a quarter is 3 months\)$" check $F --set horizon.period=quarter --set horizon.periods=8 --set "fleet.1.age=7 months" --set devices.new.available.from=0
# quarters: 2.1 years is 8.4 quarters
expect lifetime-quarters 3 "device 'analyzer': lifetime 2\.1 years is not a whole number of quarters; did you mean 2 \(8 quarters\)\?$" check examples/engine-analyzer.yaml --set horizon.period=quarter --set horizon.periods=20 --set devices.analyzer.lifetime=2.1

# 3. Block scalars: the title and the notes; the description is shown by
# check (indented), explain and the HTML report.
expect forms-description-check 0 '^  Second line of the notes\.$' check $F
expect forms-description-explain 0 '^Ages typed as people type them\.$' explain $F
expect forms-report 0 '' report $F -o "$tmp/forms.html"
ok forms-report-description grep -q '<p class="description" style="white-space:pre-line">Ages typed as people type them.' "$tmp/forms.html"
expect description-escaped 0 '' report $F --set 'description=<b>&' -o "$tmp/forms2.html"
ok forms-report-escaped grep -q '>&lt;b&gt;&amp;</p>' "$tmp/forms2.html"

# 4. A leading + on numbers is YAML 1.2's core schema: +20 is 20.  The
# fixture writes demand: +20; 20 as written the plain way costs the same.
expect plus-json 0 '"objective": ' solve $F --format json
plus_obj=$(sed -n 's/.*"objective": \([^,]*\),.*/\1/p' "$tmp/out")
expect plus-plain 0 '"objective": ' solve $F --set demand=20 --set devices.new.throughput=2 --set devices.new.price=1000 --set discount_rate=0.05 --format json
plain_obj=$(sed -n 's/.*"objective": \([^,]*\),.*/\1/p' "$tmp/out")
ok "plus-same-objective ($plus_obj vs $plain_obj)" test -n "$plus_obj" -a "$plus_obj" = "$plain_obj"
expect plus-set 0 'valid model' check examples/engine-analyzer.yaml --set demand=+1
expect plus-octal-still-refused 3 "found '\+010' \(a number cannot start with 0 unless it is 0 or 0\.x\)$" check examples/engine-analyzer.yaml --set demand=+010
