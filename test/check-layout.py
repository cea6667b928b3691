#!/usr/bin/env python3
"""Checks the module's layout rules; exits 1 naming each violation.

1. Dependencies point one way: a file of one subsystem folder includes headers only of the
   folders that subsystem may depend on (RULES below, applied transitively).
2. The build lists are in step with the tree: every .cc/.h under model/ and helper/ is in
   CMakeLists.txt's web_proxy_sources / web_proxy_headers, every test/<subsystem>/*.cc in
   web_proxy_test_sources, every listed file exists, and the wscript reads the same lists.
3. Papers are cited by name ([Depot], [PROXIM], [ProxyTeller]), never as "seed 00x".
4. No model file grows over MAX_LINES (OVERSIZE would list exceptions; it is empty).
5. No file outside model/ns3-ext calls an ns-3 API that differs between Debian's 3.37 and
   current ns-3-dev (GONE below): the in-tree build would break where the standalone one passes.
6. A file that calls into an ns-3 namespace includes its header itself (CALLS below): Debian's
   3.37 headers bring ns3/config.h in through others that ns-3-dev's no longer include.
"""
import os
import re
import sys
import types

# Subsystem -> the subsystems it may include directly (closure taken below).
RULES = {
    "model/ns3-ext": [],
    "model/http": ["model/ns3-ext"],
    "model/workload": ["model/http"],  # the HTTP date format of Squid logs
    "model/cache": ["model/workload"],
    "model/dns": ["model/ns3-ext"],
    "model/endpoints": ["model/http", "model/workload", "model/dns"],
    "model/socks": ["model/http"],  # IdleTimer; TcpSocketInternals through it
    "model/proxy": ["model/http", "model/cache", "model/socks"],
    "model/depot/schedulers": ["model/ns3-ext"],
    "model/depot": ["model/depot/schedulers", "model/http", "model/proxy"],
    "model/placement": ["model/cache", "model/workload"],
    "helper/endpoints": ["model/endpoints"],
    "helper/scenario": ["helper/endpoints"],
    "helper/proxy": ["model/proxy"],
    "helper/socks": ["model/socks"],
    "helper/depot": ["model/depot", "helper/endpoints", "helper/proxy", "helper/scenario"],
    # A crashed depot node fails through its DepotStandby; FaultImpact counts the clients' requests.
    "helper/faults": ["model/depot", "model/endpoints"],
    "helper/placement": ["model/placement", "helper/scenario", "helper/proxy"],
    "model/edge": ["model/ns3-ext"],
    "helper/edge": ["model/edge", "helper/socks", "helper/proxy"],  # the edge's two designs
    "helper/dns": ["model/dns"],
}
MAX_LINES = 600
# ns-3 APIs of 3.37 that later releases removed -> what to use instead (see web-proxy-compat.h).
GONE = {
    r"\.IsRunning\(\)": "EventId::IsRunning is gone in 3.46: use !IsExpired()",
    r"\bSetTcp\(": "InternetStackHelper::SetTcp is gone: see web-proxy-compat.h",
    r"<GlobalRouter>": "GlobalRouter is a template from 3.47: use compat::GlobalRouterV4",
}
# A call in code (comments aside) -> the headers, one of which the file must include itself.
CALLS = {
    r"\bConfig::": ('"ns3/config.h"', '"ns3/core-module.h"'),
}
# Files over MAX_LINES today; the list may only shrink.
OVERSIZE = set()


def closure(folder):
    seen, todo = set(), [folder]
    while todo:
        f = todo.pop()
        for d in RULES.get(f, []):
            if d not in seen:
                seen.add(d)
                todo.append(d)
    return seen


def files(root, top, exts):
    out = []
    for d, _, names in os.walk(os.path.join(root, top)):
        out += [os.path.relpath(os.path.join(d, n), root) for n in names if n.endswith(exts)]
    return sorted(out)


def cmake_list(text, name):
    text = re.sub(r"#[^\n]*", "", text)
    m = re.search(r"set\(\s*%s\s+([^)]*)\)" % re.escape(name), text)
    return m.group(1).split() if m else None


def main(root):
    errors = []
    sources = files(root, "model", (".cc", ".h")) + files(root, "helper", (".cc", ".h"))
    owner = {}
    for f in sources:
        owner.setdefault(os.path.basename(f), []).append(os.path.dirname(f))
    for name, dirs in owner.items():
        if len(dirs) > 1:
            errors.append("%s exists in %s: headers are installed flat as ns3/<name>" % (name, dirs))
    # 1. dependencies
    for f in sources:
        folder = os.path.dirname(f)
        if folder == "helper":
            continue  # web-proxy-module.h includes everything
        if folder not in RULES:
            errors.append("%s: folder %s has no dependency rule in test/check-layout.py" % (f, folder))
            continue
        allowed = closure(folder) | {folder}
        if folder.startswith("helper/"):
            allowed |= {folder.replace("helper/", "model/", 1)}
            allowed |= {c for a in list(allowed) for c in closure(a)}
        for n, line in enumerate(open(os.path.join(root, f), encoding="utf-8"), 1):
            m = re.match(r'\s*#\s*include\s+"(?:ns3/)?([a-z0-9-]+\.h)"', line)
            if not m or m.group(1) not in owner:
                continue
            dep = owner[m.group(1)][0]
            if dep not in allowed:
                errors.append("%s:%d includes %s (%s), which %s may not depend on"
                              % (f, n, m.group(1), dep, folder))
    # 2. build lists
    cm = open(os.path.join(root, "CMakeLists.txt"), encoding="utf-8").read()
    lists = {k: cmake_list(cm, k) for k in
             ("web_proxy_sources", "web_proxy_headers", "web_proxy_test_sources")}
    for k, v in lists.items():
        if v is None:
            errors.append("CMakeLists.txt: no set(%s ...)" % k)
            lists[k] = []
        for f in v or []:
            if not os.path.isfile(os.path.join(root, f)):
                errors.append("CMakeLists.txt: %s lists %s, which does not exist" % (k, f))
    want = {"web_proxy_sources": [f for f in sources if f.endswith(".cc")],
            "web_proxy_headers": [f for f in sources if f.endswith(".h")],
            "web_proxy_test_sources": [f for f in files(root, "test", ".cc")
                                       if f.count("/") == 2]}
    for k, v in want.items():
        for f in sorted(set(v) - set(lists[k])):
            errors.append("CMakeLists.txt: %s is not in %s" % (f, k))
    # The wscript reads the same lists through its own parser: run it on this CMakeLists.txt.
    waflib = types.ModuleType("waflib")
    waflib.Errors = types.ModuleType("waflib.Errors")
    waflib.Errors.WafError = RuntimeError
    sys.modules["waflib"], sys.modules["waflib.Errors"] = waflib, waflib.Errors
    wscript = {}
    exec(compile(open(os.path.join(root, "wscript")).read(), "wscript", "exec"), wscript)

    class Node:
        def read(self):
            return cm

        def abspath(self):
            return os.path.join(root, "CMakeLists.txt")

    class Ctx:
        class path:
            @staticmethod
            def find_node(name):
                return Node()

            @staticmethod
            def abspath():
                return root

    for k in lists:
        try:
            got = wscript["_cmake_list"](Ctx(), k)
        except RuntimeError as e:
            errors.append("wscript: %s" % e)
            continue
        if got != lists[k]:
            errors.append("wscript reads %s differently from CMake" % k)
    src = open(os.path.join(root, "wscript")).read()
    for k in lists:
        if "'%s'" % k not in src:
            errors.append("wscript does not use %s" % k)
    # 3. citations, 4. size, 5. APIs gone from ns-3-dev, 6. headers of the calls
    for f in sources + files(root, "test", (".cc", ".h")) + files(root, "examples", ".cc"):
        text = open(os.path.join(root, f), encoding="utf-8").read()
        for m in re.finditer(r"[Ss]eed ?00[0-9]", text):
            errors.append("%s:%d cites a paper as '%s': cite it by name"
                          % (f, text.count("\n", 0, m.start()) + 1, m.group(0)))
        if not f.startswith("model/ns3-ext/"):
            for pattern, why in GONE.items():
                for m in re.finditer(pattern, text):
                    errors.append("%s:%d: %s" % (f, text.count("\n", 0, m.start()) + 1, why))
        code = re.sub(r"//[^\n]*|/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text,
                      flags=re.S)
        for pattern, headers in CALLS.items():
            m = re.search(pattern, code)
            if m and not any("#include " + h in text for h in headers):
                errors.append("%s:%d calls %s without including %s"
                              % (f, code.count("\n", 0, m.start()) + 1, m.group(0),
                                 " or ".join(headers)))
        if f.startswith("model/") and text.count("\n") > MAX_LINES and f not in OVERSIZE:
            errors.append("%s has %d lines (more than %d): one job per class"
                          % (f, text.count("\n"), MAX_LINES))
    for f in sorted(OVERSIZE):
        p = os.path.join(root, f)
        if os.path.isfile(p) and open(p).read().count("\n") <= MAX_LINES:
            errors.append("%s is no longer over %d lines: remove it from OVERSIZE" % (f, MAX_LINES))
    for e in errors:
        print("layout: " + e)
    print("layout: %d files checked, %d problems" % (len(sources), len(errors)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")))
