#!/usr/bin/env python3
"""Runs the examples and tools with bad options; exits 1 naming each case that misbehaved.

Every program must refuse a bad option before it simulates anything: exit status 2 (never a
crash, a hang or a silently used default) and exactly one line on stderr that names the option
and the value given and says what is allowed ("<program>: --<option>=<value>: <problem>
(allowed: <range>)", OptionChecker).

    check-bad-options.py PROGRAM=PATH ...

Programs not given are skipped (the bench programs exist only with WEB_PROXY_BENCH).
"""
import os
import subprocess
import sys
import tempfile

# The module's own backbone (traces/), so that the check needs no shared data.
EDGES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "traces",
                     "att-backbone.edges")

# program -> (arguments every case starts with, [(bad arguments, option the message names)]).
# The value named is the last argument's value unless the case names another option.
BASE = {
    "web-client-server": ["--dialup=1", "--lan=1", "--requests=1", "--duration=10"],
    "depot-testbed": ["--sizes=100", "--requests=10", "--modes=hit", "--hitConcurrency=2"],
    "depot-schedulers": ["--clients=1", "--requests=1"],
    "depot-page-spread": ["--clients=1", "--visits=1", "--objects=1", "--pages=1"],
    "distributed-depot": ["--sequential", "--clients=1", "--requests=1"],
    "depot-failover": ["--case=hot", "--clients=2", "--duration=3", "--failAt=1.5",
                       "--recoverAt=2.5"],
    "proxim": ["--duration=60s", "--experiments=latency", "--plot=false"],
    "population-direct": ["--duration=60s", "--plot=false", "--flowmon=false"],
    "workload-stats": ["--requests=10"],
    "isp-backbone": ["--scale=0.03125", "--duration=10s", "--flowmon=false"],
    "proxy-placement": ["--topology=" + EDGES, "--proxies=2"],
    "scenario-throughput": ["--clients=2", "--requests=1", "--mode=web"],
    "policy-bench": ["--requests=100", "--objects=10", "--benchmark_filter=none"],
    "workload-bench": ["--lines=10", "--benchmark_filter=none"],
    "depot-attack": ["--clients=1", "--requests=1", "--attackTime=0"],
    "placement-bench": ["--skipLarge", "--topologies=/nonexistent"],
    "my-backbone": ["--topology=" + EDGES, "--requests=10", "--modems=1"],
}

# The common matrix: zero, negative, huge, not a number, wrong or missing unit, unknown
# enumeration value, missing file; each program's options of each kind.
RUN = [(["--RngRun=-1"], "RngRun"), (["--RngSeed=0"], "RngSeed"), (["--run=abc"], "run"),
       (["--seed=0"], "seed"), (["--seed=-2"], "seed"), (["--run=99999999999999999999"], "run"),
       # An attribute's default, on which ns-3 aborts: one case shows that the program checks
       # them (OptionCheckerTest.BadAttributeDefaultsAreNamedInsteadOfAborting has the rest).
       (["--ns3::TcpSocket::InitialCwnd=abc"], "ns3::TcpSocket::InitialCwnd")]
CASES = {
    "web-client-server": RUN + [
        (["--ns3::WebClient::MaxOutstanding=3"], "ns3::WebClient::MaxOutstanding"),
        (["--servers=0"], "servers"), (["--servers=-1"], "servers"),
        (["--servers=4294967297"], "servers"), (["--servers=two"], "servers"),
        (["--servers=1.5"], "servers"), (["--servers="], "servers"), (["--servers"], "servers"),
        (["--lan=-1"], "lan"), (["--lan=100000"], "lan"), (["--dialup=-5"], "dialup"),
        (["--dialup=0", "--lan=0"], "lan"), (["--objects=0"], "objects"),
        (["--requests=0"], "requests"), (["--requests=-1"], "requests"),
        (["--dialup=1000", "--requests=100000"], "requests"),
        (["--zipf=-1"], "zipf"), (["--zipf=nan"], "zipf"), (["--zipf=1e999"], "zipf"),
        (["--meanSize=0"], "meanSize"), (["--thinkTime=-1"], "thinkTime"),
        (["--modemRate=0bps"], "modemRate"), (["--modemRate=fast"], "modemRate"),
        (["--modemRate=28800"], "modemRate"), (["--modemRate=-1Mbps"], "modemRate"),
        (["--modemRate=10Tbps"], "modemRate"), (["--modemRate=100Gbps"], "modemRate"),
        (["--modemDelay=5xs"], "modemDelay"), (["--modemDelay=-1s"], "modemDelay"),
        (["--modemDelay=1h"], "modemDelay"), (["--lanRate=0Mbps"], "lanRate"),
        (["--httpVersion=12"], "httpVersion"), (["--httpVersion=0"], "httpVersion"),
        (["--maxConnections=0"], "maxConnections"), (["--maxOutstanding=0"], "maxOutstanding"),
        (["--duration=0"], "duration"), (["--duration=-5"], "duration"),
        (["--persistent=maybe"], "persistent"), (["--outDir=/proc/no/such"], "outDir"),
        (["--seed=1", "--RngSeed=2"], "seed"), (["--run=1", "--RngRun=2"], "run"),
    ],
    "depot-testbed": RUN + [
        (["--ns3::Depot::ForwardingMethod=Tunnel"], "ns3::Depot::ForwardingMethod"),
        (["--ns3::Depot::ProcessingDelay=2ms"], "ns3::Depot::ProcessingDelay"),
        (["--ns3::ConnectionCache::Workers=2"], "ns3::ConnectionCache::Workers"),
        (["--sizes=-1"], "sizes"), (["--sizes=0"], "sizes"), (["--sizes=abc"], "sizes"),
        (["--sizes="], "sizes"), (["--sizes=100,1e9"], "sizes"),
        (["--sizes=1000000000"], "sizes"), (["--requests=0"], "requests"),
        (["--requests=-3"], "requests"), (["--schedulers=rr,foo"], "schedulers"),
        (["--modes=both"], "modes"), (["--noCacheConcurrency=0"], "noCacheConcurrency"),
        (["--hitConcurrency=-3"], "hitConcurrency"),
        (["--hitConcurrency=100000"], "hitConcurrency"),
        (["--connectTimeout=5xs"], "connectTimeout"), (["--connectTimeout=-1s"], "connectTimeout"),
        (["--connectTimeout=2h"], "connectTimeout"), (["--connectAttempts=101"], "connectAttempts"),
        (["--depotDelay=-1ms"], "depotDelay"), (["--reportInterval=0"], "reportInterval"),
        (["--depotPacketRate=-1"], "depotPacketRate"), (["--depotPacketRate=x"], "depotPacketRate"),
        (["--depotCopyRate=5"], "depotCopyRate"), (["--depotCopyRate=-1Mbps"], "depotCopyRate"),
        (["--depotCopyRate=1Tbps"], "depotCopyRate"), (["--depotBuffer=-1"], "depotBuffer"),
        (["--depotBuffer=56KB"], "depotBuffer"),
        (["--maxConnections=0"], "maxConnections"), (["--checkShape=2"], "checkShape"),
        (["--runs=0"], "runs"), (["--runs=1001"], "runs"), (["--jobs=0"], "jobs"),
        (["--jobs=x"], "jobs"), (["--outDir=/proc/no/such"], "outDir"),
    ],
    "depot-schedulers": [
        (["--ns3::WebClient::PersistentConnections=true"],
         "ns3::WebClient::PersistentConnections"),
        (["--clients=0"], "clients"), (["--clients=-1"], "clients"),
        (["--clients=100000"], "clients"), (["--clients=x"], "clients"),
        (["--requests=0"], "requests"), (["--size=0"], "size"), (["--size=-1"], "size"),
        (["--size=99999999999999999999"], "size"), (["--size=10KB"], "size"),
        (["--clients=1000", "--requests=10000"], "requests"), (["--RngRun=x"], "RngRun"),
    ],
    "depot-page-spread": RUN + [
        (["--ns3::ProxyCache::IcpTimeout=1s"], "ns3::ProxyCache::IcpTimeout"),
        (["--proxies=1"], "proxies"), (["--proxies=5"], "proxies"), (["--clients=0"], "clients"),
        (["--alpha=-1"], "alpha"), (["--size=10KB"], "size"), (["--think=3x"], "think"),
        (["--icpTimeout=0"], "icpTimeout"), (["--clients=200", "--visits=10000"], "visits"),
    ],
    "depot-failover": RUN + [
        (["--clients=0"], "clients"), (["--clients=abc"], "clients"),
        (["--duration=0"], "duration"), (["--duration=-1"], "duration"),
        (["--duration=5xs"], "duration"), (["--failAt=1"], "failAt"),
        (["--failAt=2.5"], "failAt"), (["--recoverAt=4"], "recoverAt"),
        (["--heartbeat=0"], "heartbeat"), (["--deadTime=0.05"], "deadTime"),
        (["--proxyRecoverAt=2"], "proxyRecoverAt"), (["--proxyFailAt=9"], "proxyFailAt"),
        (["--case=warm-x"], "case"), (["--case=warm-9"], "case"), (["--case="], "case"),
        (["--case=hot,foo"], "case"), (["--case=all", "--syncIntervals=0"], "syncIntervals"),
        (["--case=all", "--syncIntervals=1,x"], "syncIntervals"), (["--pcap=maybe"], "pcap"),
        (["--flowReport=2"], "flowReport"), (["--runs=0"], "runs"), (["--jobs=65"], "jobs"),
        (["--outDir=/proc/no/such"], "outDir"),
        (["--ns3::DepotStandby::DeadTime=1"], "ns3::DepotStandby::DeadTime"),
        (["--ns3::DepotStandby::Mode=warm"], "ns3::DepotStandby::Mode"),
    ],
    "distributed-depot": RUN + [
        (["--ns3::WebClient::Proxy=1.2.3.4:80"], "ns3::WebClient::Proxy"),
        (["--clients=0"], "clients"), (["--proxies=9"], "proxies"), (["--objects=-1"], "objects"),
        (["--requests=x"], "requests"), (["--size=10KB"], "size"), (["--icp=maybe"], "icp"),
        (["--sequential=2"], "sequential"), (["--stop=0s"], "stop"), (["--stop=5x"], "stop"),
    ],
    "proxim": RUN + [
        # A choice that ns-3's string checker took, and each run's object refused by
        # stopping the run (the choice's checker now names the choices).
        (["--ns3::TraceRequestSource::PersistentFlag=server"],
         "ns3::TraceRequestSource::PersistentFlag"),
        (["--ns3::OriginServer::ServiceTime=ns3::ConstantRandomVariable[Constant=1"],
         "ns3::OriginServer::ServiceTime"),
        (["--population=cable"], "population"), (["--modems=0"], "modems"),
        (["--ns3::TcpSocketBase::MaxSegLifetime=10"], "ns3::TcpSocketBase::MaxSegLifetime"),
        (["--ns3::SyntheticWorkload::Users=5"], "ns3::SyntheticWorkload::Users"),
        (["--only="], "only"), (["--serverRtt="], "serverRtt"),
        (["--ns3::WebClient::MaxOutstanding=2"], "ns3::WebClient::MaxOutstanding"),
        (["--ns3::WebClient::IdleTimeout=1s"], "ns3::WebClient::IdleTimeout"),
        (["--ns3::ConnectionCache::ClientPersistent=false"],
         "ns3::ConnectionCache::ClientPersistent"),
        (["--ns3::ProxyCache::Cookies=Ignore"], "ns3::ProxyCache::Cookies"),
        (["--ns3::SyntheticWorkload::ServerRtt=ns3::ConstantRandomVariable[Constant=0.1]"],
         "ns3::SyntheticWorkload::ServerRtt"),
        (["--experiments=aborts", "--ns3::OriginServer::SendRate=1Mbps"],
         "ns3::OriginServer::SendRate"),
        (["--modems=-45"], "modems"), (["--lanClients=0"], "lanClients"),
        (["--users=-1"], "users"), (["--duration=0s"], "duration"),
        (["--duration=5xs"], "duration"), (["--duration=-1s"], "duration"),
        (["--duration=30d"], "duration"), (["--rttClasses=0"], "rttClasses"),
        (["--maxOutstanding=0"], "maxOutstanding"), (["--timeWait=abc"], "timeWait"),
        (["--servers=1"], "servers"), (["--servers=-3"], "servers"),
        (["--sameSite=2"], "sameSite"), (["--sameSite=x"], "sameSite"),
        (["--experiments=foo"], "experiments"), (["--experiments="], "experiments"),
        (["--abortBandwidth=both"], "abortBandwidth"), (["--drain=-1s"], "drain"),
        (["--only=nosuch"], "only"), (["--plot=2"], "plot"),
        (["--outDir=/proc/no/such"], "outDir"), (["--runs=0"], "runs"),
        (["--runs=-2"], "runs"), (["--jobs=0"], "jobs"), (["--jobs=65"], "jobs"),
        (["--synDelay=garbage"], "synDelay"), (["--serverThink=ns3::NoSuchVariable"], "serverThink"),
        (["--serverThink=ns3::ExponentialRandomVariable[Mean=abc]"], "serverThink"),
        (["--serverRtt=0.08"], "serverRtt"), (["--maxAge=ns3::Node"], "maxAge"),
        (["--modificationInterval=never"], "modificationInterval"),
        (["--maxAgeShare=0.5"], "maxAgeShare"),
    ],
    "population-direct": RUN + [
        (["--synDelay=ns3::ConstantRandomVariable[Constant=1"], "synDelay"),
        (["--population=x"], "population"), (["--modems=-1"], "modems"),
        (["--ns3::TcpSocketBase::MaxSegLifetime=1"], "ns3::TcpSocketBase::MaxSegLifetime"),
        (["--routing=ospf"], "routing"), (["--duration=1y"], "duration"), (["--duration=1yr"], "duration"),
        (["--duration=1ms"], "duration"), (["--timeWait=0s"], "timeWait"),
        (["--plot=maybe"], "plot"), (["--outDir=/proc/no/such"], "outDir"),
    ],
    "isp-backbone": RUN + [
        (["--ns3::ProxyCache::CacheSize=1000"], "ns3::ProxyCache::CacheSize"),
        (["--ns3::SyntheticWorkload::Users=9"], "ns3::SyntheticWorkload::Users"),
        (["--scale=0"], "scale"), (["--scale=100"], "scale"), (["--scale=x"], "scale"),
        (["--proxies=0"], "proxies"), (["--proxies=40"], "proxies"),
        (["--standby=cold"], "standby"), (["--duration=5s"], "duration"),
        (["--duration=1x"], "duration"), (["--topology=/no/such/file"], "topology"),
        (["--topology=/etc/hostname"], "topology"), (["--format=xml"], "format"),
        (["--modemPop=Atlantis"], "modemPop"), (["--edgePop=NewYork"], "edgePop"),
        (["--pcap=Gotham"], "pcap"), (["--cacheSize=lots"], "cacheSize"),
        (["--proxyFailAt=100s", "--proxyReviveAt=50s"], "proxyReviveAt"),
        (["--backboneRate=0bps"], "backboneRate"), (["--lanUsers=0"], "lanUsers"),
        (["--convergence=0s"], "convergence"), (["--outDir=/proc/no/such"], "outDir"),
        (["--dns=maybe"], "dns"), (["--dnsTtl=0s"], "dnsTtl"), (["--dnsTtl=2h"], "dnsTtl"),
        (["--dnsPolicy=nearest"], "dnsPolicy"), (["--firewall=2"], "firewall"),
        (["--hostileRate=-1"], "hostileRate"), (["--hostileRate=x"], "hostileRate"),
        (["--interception=yes please"], "interception"),
        (["--interceptPop=Atlantis"], "interceptPop"), (["--interceptPop=NewYork"], "interceptPop"),
        (["--pcap=firewall,Gotham"], "pcap"), (["--depotSites=0"], "depotSites"),
        (["--depotSites=5"], "depotSites"), (["--depotSites=two"], "depotSites"),
        (["--depotFaultSite=3"], "depotFaultSite"), (["--depotFaultSite=0"], "depotFaultSite"),
        (["--lanSize=0"], "lanSize"),
    ],
    "proxy-placement": RUN + [
        (["--algorithm=annealing"], "algorithm"), (["--metric=hops"], "metric"),
        (["--improvement=150"], "improvement"), (["--improvement=-5"], "improvement"),
        (["--proxies=-1"], "proxies"), (["--proxies=x"], "proxies"),
        (["--proxies=0"], "proxies"), (["--format=xml"], "format"),
        (["--hitRatio=1.5"], "hitRatio"), (["--hitRatio=nan"], "hitRatio"),
        (["--missPath=around"], "missPath"), (["--preset=cable"], "preset"),
        (["--trace=/no/such/file.log"], "trace"), (["--preset=modem", "--trace=/etc/hostname"], "trace"),
        (["--requests=-1"], "requests"), (["--cacheSize=10XB"], "cacheSize"),
        (["--policies=LRU,MRU"], "policies"), (["--randomTrials=0"], "randomTrials"),
        (["--exactNodes=0"], "exactNodes"), (["--runs=1"], "runs"), (["--runs=1001"], "runs"),
        (["--jobs=0"], "jobs"), (["--jobs=65"], "jobs"), (["--dataRate=0bps"], "dataRate"),
        (["--dataRate=fast"], "dataRate"), (["--origin=Atlantis"], "origin"),
        (["--largestComponent=maybe"], "largestComponent"), (["--simulate=2"], "simulate"),
    ],
    "workload-stats": [(["--preset=modem"] + bad, option) for bad, option in RUN] + [
        (["--preset=foo"], "preset"), (["--preset="], "preset"), ([], "preset"),
        (["--preset=modem", "--requests=0"], "requests"),
        (["--preset=modem", "--requests=-10"], "requests"),
        (["--preset=modem", "--paper=x"], "paper"), (["--preset=modem", "--format=json"], "format"),
        (["--trace=/etc/hostname", "--traceFormat=xml"], "traceFormat"),
        (["--trace=/no/such/file.log"], "trace"), (["--trace=/tmp"], "trace"),
        (["--preset=modem", "--trace=/etc/hostname"], "trace"),
        (["--preset=modem", "--servers=1"], "servers"),
        (["--preset=modem", "--servers=x"], "servers"),
        (["--trace=/etc/hostname", "--servers=0"], "servers"),
        (["--trace=/etc/hostname", "--statuses"], "statuses"),
        (["--preset=modem", "--ns3::SyntheticWorkload::Requests=5"],
         "ns3::SyntheticWorkload::Requests"),
        (["--trace=/etc/hostname", "--ns3::SyntheticWorkload::ZipfTheta=0.9"],
         "ns3::SyntheticWorkload::ZipfTheta"),
        (["--preset=modem", "--statuses=maybe"], "statuses"),
    ],
    "scenario-throughput": [
        (["--clients=0"], "clients"), (["--size=-1"], "size"), (["--mode=foo"], "mode"),
        (["--mode=web,all"], "mode"), (["--lan=wifi"], "lan"), (["--group=0"], "group"),
        (["--runs=0"], "runs"), (["--maxSimTime=0"], "maxSimTime"),
        (["--servers=5000"], "servers"), (["--mode=depot", "--routing=global"], "routing"),
    ],
    "policy-bench": [
        (["--requests=abc"], "requests"), (["--requests=-1"], "requests"),
        (["--objects=0"], "objects"), (["--cache=2"], "cache"), (["--cache=nan"], "cache"),
        (["--cache=0"], "cache"),
    ],
    "workload-bench": [(["--lines=0"], "lines"), (["--lines=-1"], "lines"),
                       (["--lines=1e6"], "lines")],
    "depot-attack": RUN[:2] + [RUN[-1]] + [
        (["--clients=0"], "clients"), (["--clients=-1"], "clients"),
        (["--requests=1e3"], "requests"), (["--size=0"], "size"), (["--depot=2"], "depot"),
        (["--synRate=-1"], "synRate"), (["--rstRate=nan"], "rstRate"),
        (["--attackTime=inf"], "attackTime"), (["--stop=0"], "stop"),
        (["--attackStart=2000"], "attackStart"), (["--portSpan=16383"], "portSpan"),
        (["--maxSessions=x"], "maxSessions"), (["--fq=yes"], "fq"),
        (["--maxSessions=10", "--ns3::Depot::MaxSessions=5"], "maxSessions"),
        (["--rstRate=1", "--requests=16383"], "requests"),
        (["--ns3::SpoofedFloodApplication::RstRate=5"],
         "ns3::SpoofedFloodApplication::RstRate"),
        (["--ns3::SpoofedFloodApplication::MaxPort=5"],
         "ns3::SpoofedFloodApplication::MaxPort"),
    ],
    "placement-bench": RUN[:2] + [RUN[-1]] + [
        (["--nodes=1"], "nodes"), (["--nodes=20001"], "nodes"), (["--nodes=ten"], "nodes"),
        (["--k=0"], "k"), (["--k=-3"], "k"), (["--nodes=10", "--k=11"], "k"),
        (["--topologies="], "topologies"), (["--skipLarge=2"], "skipLarge"),
    ],
    # The tutorial's program: what a user's copy of it starts from.
    "my-backbone": RUN[:2] + [RUN[-1]] + [
        (["--proxies=abc"], "proxies"), (["--proxies=-1"], "proxies"),
        (["--proxies=31"], "proxies"), (["--modems=0"], "modems"),
        (["--requests=0"], "requests"), (["--requests=-5"], "requests"),
        (["--origin=Atlantis"], "origin"), (["--modemPop=Gotham"], "modemPop"),
        (["--modemPop="], "modemPop"), (["--topology=/no/such/file.edges"], "topology"),
        (["--ns3::SyntheticWorkload::Requests=5"], "ns3::SyntheticWorkload::Requests"),
        (["--ns3::SyntheticWorkload::ZipfTheta=abc"], "ns3::SyntheticWorkload::ZipfTheta"),
    ],
}


def value_of(args, option):
    text = None
    for a in args:
        if a.startswith("--" + option + "=") or a == "--" + option:
            text = a[len(option) + 3:]
    return text


def main(argv):
    programs = dict(a.split("=", 1) for a in argv[1:])
    failures, total = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, path in programs.items():
            for bad, option in CASES[name]:
                args = BASE[name] + bad
                if name in ("web-client-server", "proxim", "population-direct", "isp-backbone") and not any(
                        a.startswith("--outDir") for a in bad):
                    args = args + ["--outDir=" + tmp]
                total += 1
                label = "%s %s" % (name, " ".join(bad))
                try:
                    p = subprocess.run([path] + args, capture_output=True, text=True, timeout=60,
                                       cwd=tmp)
                except subprocess.TimeoutExpired:
                    failures.append("%s: still running after 60 s" % label)
                    continue
                lines = [l for l in p.stderr.splitlines() if l.strip()]
                value = value_of(args, option)
                named = "--%s=%s" % (option, value if value is not None else "")
                if p.returncode != 2:
                    failures.append("%s: exit status %d, not 2 (stderr: %s)"
                                    % (label, p.returncode, " | ".join(lines[-3:])))
                elif len(lines) != 1:
                    failures.append("%s: %d lines on stderr, not 1: %s"
                                    % (label, len(lines), " | ".join(lines[:3])))
                elif not lines[0].startswith(name + ": ") or named not in lines[0] \
                        or "(allowed: " not in lines[0]:
                    failures.append("%s: message does not name %s and the allowed values: %s"
                                    % (label, named, lines[0]))
                else:
                    print("ok   %s -> %s" % (label, lines[0]))
    for f in failures:
        print("FAIL " + f)
    print("%d bad-option cases in %d programs: %d refused properly, %d not"
          % (total, len(programs), total - len(failures), len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
