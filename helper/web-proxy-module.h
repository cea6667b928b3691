/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef WEB_PROXY_MODULE_H
#define WEB_PROXY_MODULE_H

/**
 * \defgroup web-proxy Web proxy systems
 * HTTP clients, origin servers, caching proxies and L4 depots at packet level.
 */

#include "ns3/application-streams.h"
#include "ns3/cachability-rules.h"
#include "ns3/cache-simulator.h"
#include "ns3/connection-cache.h"
#include "ns3/connection-gauge.h"
#include "ns3/csv-trace-reader.h"
#include "ns3/csv-trace-writer.h"
#include "ns3/fixed-request-source.h"
#include "ns3/greedy-dual-policy.h"
#include "ns3/http-connection.h"
#include "ns3/http-date.h"
#include "ns3/http-message.h"
#include "ns3/http-parser.h"
#include "ns3/idle-timer.h"
#include "ns3/lan-clients-helper.h"
#include "ns3/isp-scenario-helper.h"
#include "ns3/latency-summary.h"
#include "ns3/lru-policy.h"
#include "ns3/modem-pool-helper.h"
#include "ns3/origin-farm-helper.h"
#include "ns3/origin-server-helper.h"
#include "ns3/origin-server.h"
#include "ns3/processing-queue.h"
#include "ns3/proxy-cache-helper.h"
#include "ns3/proxy-cache.h"
#include "ns3/quick-abort-rule.h"
#include "ns3/refresh-pattern.h"
#include "ns3/replacement-policy.h"
#include "ns3/request-record-writer.h"
#include "ns3/request-record.h"
#include "ns3/request-source.h"
#include "ns3/s3-fifo-policy.h"
#include "ns3/server-connection-pool.h"
#include "ns3/sieve-policy.h"
#include "ns3/squid-log-reader.h"
#include "ns3/squid-log-writer.h"
#include "ns3/static-route-helper.h"
#include "ns3/synthetic-workload.h"
#include "ns3/trace-reader.h"
#include "ns3/trace-record.h"
#include "ns3/trace-replay-helper.h"
#include "ns3/trace-request-source.h"
#include "ns3/trace-statistics.h"
#include "ns3/web-client-helper.h"
#include "ns3/web-client.h"
#include "ns3/web-object-catalog.h"
#include "ns3/web-proxy-compat.h"
#include "ns3/web-request.h"
#include "ns3/zipf-estimator.h"

#endif // WEB_PROXY_MODULE_H
