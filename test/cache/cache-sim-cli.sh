#!/bin/sh
# cache-sim's command line: the exit status rule (0 success, 1 bad command line, 2 bad input
# file), messages naming the option or the file and record/line, the integer-id formats
# detected from content, and the --csv rows, on traces small enough to count by hand.
# Usage: cache-sim-cli.sh <cache-sim binary>
sim=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail=0

# expect <status> <text on stderr or stdout> <arguments...>
expect() {
    want=$1
    text=$2
    shift 2
    out=$("$sim" "$@" 2>&1)
    got=$?
    if [ "$got" -ne "$want" ] || ! printf '%s' "$out" | grep -qF -e "$text"; then
        echo "FAIL: cache-sim $*: status $got (want $want), output:"
        printf '%s\n' "$out"
        echo "(wanted: $text)"
        fail=1
    fi
}

# Bad command line: 1, the option, its value and what is allowed.
expect 1 "--policy=LRU,MRU: unknown replacement policy 'MRU' (valid: LRU," \
    --preset=modem --requests=10 --policy=LRU,MRU
expect 1 "--sizes=10XB: cache size '10XB' is not a number" --preset=modem --requests=10 --sizes=10XB
expect 1 "--format=pcap: unknown format (allowed: auto, squid, csv, oracleGeneral, idcsv)" \
    --trace=x --format=pcap
expect 1 "--requests=0: must be at least 1" --preset=modem --requests=0
expect 1 "--preset=huge: unknown preset (allowed: " --preset=huge
expect 1 "--cookies=maybe: must be honour or ignore" --preset=modem --requests=10 --cookies=maybe
expect 1 "--cost=two: must be auto or one" --preset=modem --requests=10 --cost=two
expect 1 "--csv=$dir/no/such/dir.csv: cannot create the file" \
    --preset=modem --requests=10 --csv="$dir/no/such/dir.csv"
expect 1 "give either --trace=<file> or --preset" --sizes=1MB
expect 1 "" --noSuchOption=1
# ns-3 attributes: a text ns-3 would abort on is named; the workload's reach the preset's
# workload (a steeper popularity hits more), except Requests (--requests) and with --trace.
expect 1 "--ns3::TcpSocket::InitialCwnd=abc: not an integer (allowed: " \
    --preset=modem --requests=10 --ns3::TcpSocket::InitialCwnd=abc
expect 1 "--ns3::SyntheticWorkload::Requests=5: set by --requests" \
    --preset=modem --requests=10 --ns3::SyntheticWorkload::Requests=5
expect 1 "--ns3::SyntheticWorkload::ZipfTheta=0.9: given with --trace" \
    --trace=x --ns3::SyntheticWorkload::ZipfTheta=0.9
flat=$("$sim" --preset=modem --requests=5000 --policy=LRU --sizes=inf --csv="$dir/flat.csv" \
    >/dev/null 2>&1; cut -d, -f4 "$dir/flat.csv" | tail -1)
steep=$("$sim" --preset=modem --requests=5000 --policy=LRU --sizes=inf --csv="$dir/steep.csv" \
    --ns3::SyntheticWorkload::ZipfTheta=1.2 >/dev/null 2>&1; cut -d, -f4 "$dir/steep.csv" | tail -1)
if [ -z "$flat" ] || [ -z "$steep" ] || [ "$steep" -ge "$flat" ]; then
    echo "FAIL: --ns3::SyntheticWorkload::ZipfTheta=1.2 gave $steep misses, the preset $flat"
    fail=1
fi

# An idcsv trace counted by hand: LRU of 2 one-byte objects over 1 2 1 3 2: 1 miss, 2 miss,
# 1 hit, 3 miss (evicts 2, the least recently used), 2 miss: 4 misses of 5.
printf 'time,id,size\n1,1,1\n2,2,1\n3,1,1\n4,3,1\n5,2,1\n' > "$dir/t.csv"
expect 0 "Trace $dir/t.csv: 5 requests (idcsv)" --trace="$dir/t.csv" --policy=LRU --sizes=2 \
    --csv="$dir/out.csv"
grep -q '^policy,cache_bytes,requests,misses,miss_ratio,byte_miss_ratio,requests_per_s$' \
    "$dir/out.csv" && grep -q '^LRU,2,5,4,0.8,0.8,[0-9]*$' "$dir/out.csv" \
    || { echo "FAIL: --csv rows:"; cat "$dir/out.csv"; fail=1; }
# The same requests as oracleGeneral records (detected as binary): the same counts.
perl -e 'my @r = ([1,1],[2,2],[3,1],[4,3],[5,2]);
         print pack("VQ<Vq<", $_->[0], $_->[1], 1, -1) for @r;' > "$dir/t.bin"
expect 0 "Trace $dir/t.bin: 5 requests (oracleGeneral)" --trace="$dir/t.bin" --policy=LRU \
    --sizes=2 --csv="$dir/out2.csv"
grep -q '^LRU,2,5,4,0.8,0.8,' "$dir/out2.csv" || { echo "FAIL: oracleGeneral rows"; fail=1; }

# Bad input file: 2, the file and the record or line.
printf '1,1,1\n2,x,1\n' > "$dir/bad.csv"
expect 2 "$dir/bad.csv:2: id 'x' is not an unsigned integer below 2^64" --trace="$dir/bad.csv"
head -c 40 "$dir/t.bin" > "$dir/cut.bin"
expect 2 "$dir/cut.bin: oracleGeneral record 2 is truncated: 16 of 24 bytes" --trace="$dir/cut.bin"
expect 2 "$dir/missing.bin: cannot open" --trace="$dir/missing.bin"
expect 2 "$dir/t.csv: oracleGeneral record 2 is truncated: 19 of 24 bytes" --trace="$dir/t.csv" \
    --format=oracleGeneral
exit $fail
