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
#include "ns3/csv-trace-reader.h"
#include "ns3/csv-trace-writer.h"
#include "ns3/depot-helper.h"
#include "ns3/depot-proxy.h"
#include "ns3/depot-scheduler.h"
#include "ns3/depot-session-table.h"
#include "ns3/depot.h"
#include "ns3/destination-hash-scheduler.h"
#include "ns3/fixed-request-source.h"
#include "ns3/flow-hash.h"
#include "ns3/hash-table-scheduler.h"
#include "ns3/http-connection.h"
#include "ns3/http-date.h"
#include "ns3/http-message.h"
#include "ns3/http-parser.h"
#include "ns3/idle-timer.h"
#include "ns3/lan-clients-helper.h"
#include "ns3/latency-summary.h"
#include "ns3/least-connection-scheduler.h"
#include "ns3/load-index-scheduler.h"
#include "ns3/maglev-scheduler.h"
#include "ns3/modem-pool-helper.h"
#include "ns3/never-queue-scheduler.h"
#include "ns3/origin-farm-helper.h"
#include "ns3/origin-server-helper.h"
#include "ns3/origin-server.h"
#include "ns3/packet-hook-routing.h"
#include "ns3/request-record-writer.h"
#include "ns3/request-record.h"
#include "ns3/request-source.h"
#include "ns3/round-robin-scheduler.h"
#include "ns3/shortest-expected-delay-scheduler.h"
#include "ns3/source-hash-scheduler.h"
#include "ns3/squid-log-reader.h"
#include "ns3/squid-log-writer.h"
#include "ns3/synthetic-workload.h"
#include "ns3/tcp-state-tracker.h"
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
#include "ns3/weighted-least-connection-scheduler.h"
#include "ns3/weighted-round-robin-scheduler.h"
#include "ns3/zipf-estimator.h"

#endif // WEB_PROXY_MODULE_H
