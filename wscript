## -*- Mode: python; py-indent-offset: 4; indent-tabs-mode: nil; coding: utf-8; -*-
#
# web-proxy for Waf-era ns-3 trees (ns-3.35 and older): put this directory at contrib/web-proxy
# and run ./waf configure --enable-examples --enable-tests; ./waf build.
# ns-3.36 and newer build the module through CMakeLists.txt instead.
#
# The file lists are read from CMakeLists.txt (web_proxy_sources, web_proxy_headers), so the two
# builds cannot drift apart.

import re

from waflib.Errors import WafError

NS3_DEPENDENCIES = ['core', 'network', 'internet', 'applications', 'point-to-point', 'csma',
                    'flow-monitor']

# Written by ns-3's own 'ns3moduleheader' task from the header list: ours must not be copied
# over it (two tasks producing build/ns3/web-proxy-module.h, and a header including itself).
GENERATED_MODULE_HEADER = 'helper/web-proxy-module.h'


def _cmake_list(ctx, name):
    # ctx.path is this directory while Waf recurses into it (Waf does not set __file__).
    node = ctx.path.find_node('CMakeLists.txt')
    if node is None:
        raise WafError('web-proxy: CMakeLists.txt not found in %s' % ctx.path.abspath())
    text = re.sub(r'#[^\n]*', '', node.read())
    m = re.search(r'set\(\s*%s\s+([^)]*)\)' % re.escape(name), text)
    if not m or not m.group(1).split():
        raise WafError('web-proxy: no set(%s ...) list in %s' % (name, node.abspath()))
    return m.group(1).split()


def configure(conf):
    # Boost.Beast is header-only. ns-3's top-level wscript has already searched Boost
    # (configure_boost) before it recurses into contrib/; older trees lack require_boost_incs.
    if hasattr(conf, 'require_boost_incs'):
        if not conf.require_boost_incs('web-proxy', 'Web proxy module (Boost.Beast)'):
            return
        use = ['BOOST']
    else:
        use = []

    # Language level: the module needs C++17 (std::optional, std::string_view, Beast).
    # ns-3's top-level wscript puts the chosen -std= into CXXFLAGS before recursing here.
    std_flags = [f for f in conf.env['CXXFLAGS'] if f.startswith('-std=')]
    too_old = ('c++98', 'c++03', 'c++0x', 'c++11', 'c++1y', 'c++14',
               'gnu++98', 'gnu++03', 'gnu++0x', 'gnu++11', 'gnu++1y', 'gnu++14')
    if not std_flags or std_flags[-1][len('-std='):] in too_old:
        for f in std_flags:
            conf.env['CXXFLAGS'].remove(f)
        conf.env.append_value('CXXFLAGS', '-std=c++17')
        conf.msg('Checking for web-proxy C++ standard', '-std=c++17 (raised for web-proxy)',
                 'YELLOW')

    have_beast = conf.check_nonfatal(header_name='boost/beast/http.hpp',
                                     use=use,
                                     define_name='WEB_PROXY_HAVE_BEAST',
                                     msg='Checking for Boost.Beast (boost/beast/http.hpp)')
    if not have_beast:
        conf.report_optional_feature('web-proxy', 'Web proxy module', False,
                                     'boost/beast/http.hpp not found (Boost >= 1.66 needed)')
        # Same mechanism as a module whose required Boost is missing: not built, rest of
        # ns-3 still configures.
        conf.env['MODULES_NOT_BUILT'].append('web-proxy')
        return
    conf.report_optional_feature('web-proxy', 'Web proxy module', True, '')
    # GoogleTest runs the module's test cases inside its ns-3 test library.
    conf.check_cxx(lib='gtest', uselib_store='GTEST', use=['PTHREAD'] if 'LIB_PTHREAD' in conf.env else [],
                   linkflags=['-pthread'], msg='Checking for GoogleTest (libgtest)')

    # ns-3 version differences are resolved by the compiler (model/ns3-ext/web-proxy-compat.h).


def build(bld):
    module = bld.create_ns3_module('web-proxy', NS3_DEPENDENCIES)
    module.source = _cmake_list(bld, 'web_proxy_sources')

    module_test = bld.create_ns3_module_test_library('web-proxy')
    # The module's own ns-3 suite, and the GoogleTest cases as web-proxy-<subsystem> suites.
    module_test.source = (['test/web-proxy-test-suite.cc', 'test/ns3-gtest-suites.cc'] +
                          _cmake_list(bld, 'web_proxy_test_sources'))
    module_test.uselib = getattr(module_test, 'uselib', []) + ['GTEST']
    module_test.defines = ['WEB_PROXY_TEST_OUTPUT_DIR="%s"' % bld.path.get_bld().abspath()]

    headers = bld(features='ns3header')
    headers.module = 'web-proxy'
    headers.source = [h for h in _cmake_list(bld, 'web_proxy_headers')
                      if h != GENERATED_MODULE_HEADER]

    # DistanceMatrix runs std::thread workers (waf-era ns-3 stores the thread library as PTHREAD).
    if 'LIB_PTHREAD' in bld.env:
        module.use.append('PTHREAD')
    module.linkflags = getattr(module, 'linkflags', []) + ['-pthread']

    if bld.env['INCLUDES_BOOST']:
        module.use.append('BOOST')
        module_test.use.append('BOOST')

    if bld.env['ENABLE_EXAMPLES']:
        bld.recurse('examples')

    # No Python bindings (no bindings/ directory): bld.ns3_python_bindings() is not called.
