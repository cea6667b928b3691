/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef WEB_PROXY_COMPAT_H
#define WEB_PROXY_COMPAT_H

/**
 * \file
 * The one place where differences between ns-3 releases are handled.
 *
 * The build (cmake/web-proxy-checks.cmake) probes signatures instead of version numbers,
 * because ns3/version-defines.h is absent in default source-tree builds.
 *
 * Known differences and how the module stays on the common subset:
 * - Ipv4RoutingProtocol::RouteInput takes its callbacks by value up to 3.38 and by const
 *   reference from 3.39: use the WEB_PROXY_ROUTE_INPUT_CB macro below.
 * - EventId::IsRunning is gone in 3.46: the module only uses !EventId::IsExpired().
 * - TestSuite::Type::UNIT is spelled the same in every release (scoped access to the enum).
 * - Object::GetInstanceTypeId is final from 3.45: the module never overrides it.
 * - Enum attributes changed in 3.41: the module exposes no EnumValue attribute; choices are
 *   StringValue attributes parsed by the class itself (AttributeChoice, attribute-choice.h).
 */

#ifdef WEB_PROXY_ROUTE_INPUT_CONST_REF
/// Parameter type of a RouteInput callback (const reference from ns-3.39).
#define WEB_PROXY_ROUTE_INPUT_CB(T) const T&
#else
/// Parameter type of a RouteInput callback (by value up to ns-3.38).
#define WEB_PROXY_ROUTE_INPUT_CB(T) T
#endif

#endif // WEB_PROXY_COMPAT_H
