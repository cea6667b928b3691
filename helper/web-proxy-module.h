/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef WEB_PROXY_MODULE_H
#define WEB_PROXY_MODULE_H

/**
 * \defgroup web-proxy Web proxy systems
 * HTTP clients, origin servers, caching proxies and L4 depots at packet level.
 */

#include "ns3/fixed-request-source.h"
#include "ns3/http-connection.h"
#include "ns3/http-date.h"
#include "ns3/http-message.h"
#include "ns3/http-parser.h"
#include "ns3/latency-summary.h"
#include "ns3/origin-server-helper.h"
#include "ns3/origin-server.h"
#include "ns3/request-record-writer.h"
#include "ns3/request-record.h"
#include "ns3/request-source.h"
#include "ns3/web-client-helper.h"
#include "ns3/web-client.h"
#include "ns3/web-object-catalog.h"
#include "ns3/web-proxy-compat.h"
#include "ns3/web-request.h"

#endif // WEB_PROXY_MODULE_H
