/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "webstone-helper.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/callback.h"
#include "ns3/fixed-request-source.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"
#include "ns3/web-client.h"

#include <algorithm>
#include <sstream>

namespace ns3
{

WebStoneHelper::WebStoneHelper(const Address& proxy, const WebRequest& request)
    : m_request(request)
{
    m_client.SetProxy(proxy);
    m_client.SetAttribute("HttpVersion", UintegerValue(10));
    m_client.SetAttribute("PersistentConnections", BooleanValue(false));
    m_client.SetAttribute("ConnectAttempts", UintegerValue(0));
    m_client.SetAttribute("ConnectTimeout", TimeValue(ConnectTimeout()));
}

Time
WebStoneHelper::ConnectTimeout()
{
    return Seconds(75);
}

void
WebStoneHelper::SetConnections(uint32_t n)
{
    NS_ABORT_MSG_IF(n == 0, "WebStoneHelper: at least one connection");
    m_connections = n;
}

void
WebStoneHelper::SetTotalRequests(uint32_t n)
{
    NS_ABORT_MSG_IF(n == 0, "WebStoneHelper: at least one request");
    m_total = n;
}

void
WebStoneHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    m_client.SetAttribute(name, value);
}

ApplicationContainer
WebStoneHelper::Install(Ptr<Node> node, Ptr<Result> result) const
{
    Ptr<FixedRequestSource> source = CreateObject<FixedRequestSource>();
    for (uint32_t i = 0; i < m_total; ++i)
    {
        source->Add(m_request);
    }
    WebClientHelper client = m_client;
    client.SetAttribute("MaxOutstanding", UintegerValue(m_connections));
    client.SetAttribute("MaxConnectionsPerServer", UintegerValue(m_connections));
    client.SetAttribute("MaxConnections", UintegerValue(m_connections)); // not a browser's 4
    ApplicationContainer apps = client.Install(node, source);
    apps.Get(0)->TraceConnectWithoutContext(
        "RequestComplete",
        MakeBoundCallback(
            +[](Ptr<Result> r, const RequestRecord& rec) { r->Add(rec); }, result));
    apps.Get(0)->TraceConnectWithoutContext(
        "ConnectTimeout",
        MakeBoundCallback(
            +[](Ptr<Result> r, const Address&) { ++r->connectTimeouts; }, result));
    apps.Get(0)->TraceConnectWithoutContext(
        "ConnectRetry",
        MakeBoundCallback(
            +[](Ptr<Result> r, const Address&) { ++r->connectRetries; }, result));
    return apps;
}

WebStoneHelper::Result::Result(uint32_t total)
    : total(total)
{}

void
WebStoneHelper::Result::SetDoneCallback(std::function<void()> cb)
{
    m_done = std::move(cb);
}

void
WebStoneHelper::Result::Add(const RequestRecord& r)
{
    if (!started || r.issued < first)
    {
        first = r.issued;
        started = true;
    }
    last = Simulator::Now();
    ++ended;
    if (r.failed || r.aborted)
    {
        ++failed;
    }
    else if (r.status >= 400)
    {
        ++errors;
    }
    else
    {
        ++ok;
        bytes += r.responseHeaderBytes + r.bodyBytes;
        connectSum += r.sync;
        responseSum += r.total;
    }
    if (ended == total && m_done)
    {
        m_done();
    }
}

bool
WebStoneHelper::Result::Complete() const
{
    return ok == total && connectTimeouts == 0;
}

std::string
WebStoneHelper::Result::IncompleteReason() const
{
    std::ostringstream os;
    auto add = [&os](uint64_t n, const char* what)
    {
        if (n > 0)
        {
            os << (os.tellp() > 0 ? ", " : "") << n << ' ' << what;
        }
    };
    add(connectTimeouts, "connection attempts timed out");
    add(failed, "requests failed");
    add(errors, "HTTP errors");
    add(total - std::min<uint64_t>(total, ended), "requests did not end");
    return os.str();
}

double
WebStoneHelper::Result::ConnectionsPerSecond() const
{
    const double t = (last - first).GetSeconds();
    return t > 0 ? ok / t : 0;
}

double
WebStoneHelper::Result::ThroughputKBps() const
{
    const double t = (last - first).GetSeconds();
    return t > 0 ? bytes / 1024.0 / t : 0;
}

double
WebStoneHelper::Result::MeanConnectMs() const
{
    return ok > 0 ? connectSum.GetSeconds() * 1000 / ok : 0;
}

double
WebStoneHelper::Result::MeanResponseMs() const
{
    return ok > 0 ? responseSum.GetSeconds() * 1000 / ok : 0;
}

} // namespace ns3
