# Signature checks for ns-3 API differences between versions. Results reach the code as
# WEB_PROXY_* compile definitions, read only by model/web-proxy-compat.h.
include(CheckCXXSourceCompiles)

set(CMAKE_REQUIRED_FLAGS "-std=c++17")
set(CMAKE_REQUIRED_LIBRARIES)
if(DEFINED CMAKE_OUTPUT_DIRECTORY)
    # In an ns-3 tree the module headers are copied here at configure time.
    set(CMAKE_REQUIRED_INCLUDES ${CMAKE_OUTPUT_DIRECTORY}/include)
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

function(web_proxy_apply_checks target)
    if(WEB_PROXY_ROUTE_INPUT_CONST_REF)
        target_compile_definitions(${target} PUBLIC WEB_PROXY_ROUTE_INPUT_CONST_REF=1)
    endif()
endfunction()
