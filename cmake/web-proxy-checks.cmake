# Signature checks for ns-3 API differences between versions. Results reach the code as
# WEB_PROXY_* compile definitions, read only by model/web-proxy-compat.h.
#
# The probes are compiled, never linked: every ns-3 header pulls in a static initializer
# (Time::StaticInit() from nstime.h), so linking a probe without the ns-3 libraries always
# fails and a check would read "no" whatever the signature is.
include(CheckCXXSourceCompiles)
include(CMakePushCheckState)

cmake_push_check_state(RESET)
set(_web_proxy_saved_try_compile_type "${CMAKE_TRY_COMPILE_TARGET_TYPE}")
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

# Same language level as the code that will use the result (ns-3 >= 3.45 needs C++20 headers).
if(CMAKE_CXX_STANDARD)
    set(CMAKE_REQUIRED_FLAGS "-std=c++${CMAKE_CXX_STANDARD}")
else()
    set(CMAKE_REQUIRED_FLAGS "-std=c++17")
endif()

if(COMMAND build_lib)
    # In an ns-3 tree the module headers are written to build/include/ns3 at configure time,
    # before contrib/ is processed.
    if(DEFINED CMAKE_HEADER_OUTPUT_DIRECTORY)
        get_filename_component(_inc ${CMAKE_HEADER_OUTPUT_DIRECTORY} DIRECTORY)
        set(CMAKE_REQUIRED_INCLUDES ${_inc})
    elseif(DEFINED CMAKE_OUTPUT_DIRECTORY)
        set(CMAKE_REQUIRED_INCLUDES ${CMAKE_OUTPUT_DIRECTORY}/include)
    endif()
else()
    # Installed ns-3: take the include directories from its imported targets
    # (ns3::libinternet up to 3.42, ns3::internet from 3.43).
    foreach(_t ns3::libinternet ns3::internet ns3::libcore ns3::core)
        if(TARGET ${_t})
            get_target_property(_inc ${_t} INTERFACE_INCLUDE_DIRECTORIES)
            if(_inc)
                list(FILTER _inc EXCLUDE REGEX "\\$<") # generator expressions: not for try_compile
                list(APPEND CMAKE_REQUIRED_INCLUDES ${_inc})
            endif()
        endif()
    endforeach()
endif()

# A probe that cannot see the ns-3 headers fails for that reason alone and would silently
# pick the old signature: make sure they are reachable first.
check_cxx_source_compiles("
#include <ns3/ipv4-routing-protocol.h>
int main() { return 0; }
" WEB_PROXY_NS3_HEADERS_FOUND)
if(NOT WEB_PROXY_NS3_HEADERS_FOUND)
    message(WARNING "web-proxy: ns3/ipv4-routing-protocol.h does not compile with "
                    "includes '${CMAKE_REQUIRED_INCLUDES}' and ${CMAKE_REQUIRED_FLAGS}; "
                    "the ns-3 API checks below cannot be trusted (see CMakeError.log / "
                    "CMakeConfigureLog.yaml)")
endif()

# RouteInput callbacks: by value up to 3.38, by const reference from 3.39.
check_cxx_source_compiles("
#include <ns3/ipv4-routing-protocol.h>
#include <type_traits>
using P = ns3::Ipv4RoutingProtocol;
using Fn = bool (P::*)(ns3::Ptr<const ns3::Packet>, const ns3::Ipv4Header&, ns3::Ptr<const ns3::NetDevice>,
                       const P::UnicastForwardCallback&, const P::MulticastForwardCallback&,
                       const P::LocalDeliverCallback&, const P::ErrorCallback&);
int main() { Fn f = &P::RouteInput; (void)f; return 0; }
" WEB_PROXY_ROUTE_INPUT_CONST_REF)

set(CMAKE_TRY_COMPILE_TARGET_TYPE "${_web_proxy_saved_try_compile_type}")
unset(_web_proxy_saved_try_compile_type)
unset(_inc)
unset(_t)
cmake_pop_check_state()

# web_proxy_apply_checks(<target>...): targets that do not exist are skipped, so an ns-3 tree
# can pass both the module library and the object library that build_lib compiles it from.
function(web_proxy_apply_checks)
    foreach(target ${ARGV})
        if(NOT TARGET ${target})
            continue()
        endif()
        if(WEB_PROXY_ROUTE_INPUT_CONST_REF)
            target_compile_definitions(${target} PUBLIC WEB_PROXY_ROUTE_INPUT_CONST_REF=1)
        endif()
    endforeach()
endfunction()
