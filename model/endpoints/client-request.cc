/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "client-request.h"

#include "client-connection.h"

#include "ns3/inet-socket-address.h"
#include "ns3/simulator.h"

#include <sstream>

namespace ns3
{

namespace http = boost::beast::http;

namespace
{
std::string
FormatAddress(const Address& a)
{
    std::ostringstream os;
    if (InetSocketAddress::IsMatchingType(a))
    {
        InetSocketAddress s = InetSocketAddress::ConvertFrom(a);
        os << s.GetIpv4() << ':' << s.GetPort();
    }
    else
    {
        os << a;
    }
    return os.str();
}
} // namespace

ClientRequest::~ClientRequest()
{
    // Not the connection's response timer: at disposal the connection may be gone first, and
    // otherwise the request has been taken off its connection (which stops the timer).
    abortEvent.Cancel();
}

void
ClientRequest::Begin(uint32_t node, uint64_t id)
{
    record.node = node;
    record.id = id;
    record.method = request.method;
    record.url = request.GetUrl();
    record.peer = FormatAddress(peer);
    record.issued = Simulator::Now();
}

void
ClientRequest::MarkWaited(bool newConnection)
{
    record.newConnection = newConnection;
    record.wait = Simulator::Now() - record.issued;
}

void
ClientRequest::MarkOpening()
{
    record.newConnection = true;
    if (connectAttempts++ == 0)
    {
        record.wait = Simulator::Now() - record.issued;
    }
}

void
ClientRequest::MarkConnected()
{
    // From the first attempt: retries are part of the setup the user waits for.
    record.sync = Simulator::Now() - record.issued - record.wait;
}

bool
ClientRequest::WantsPersistent(bool byDefault) const
{
    return request.persistent.value_or(byDefault);
}

HttpRequestHeader
ClientRequest::BuildHeader(bool absoluteUri,
                           uint32_t version,
                           bool persistent,
                           const std::string& userAgent) const
{
    const WebRequest& r = request;
    HttpRequestHeader h;
    h.method_string(r.method);
    h.target(absoluteUri ? r.GetUrl() : r.path);
    h.version(version);
    h.set(http::field::host, r.host);
    h.set(http::field::user_agent, userAgent);
    if (!persistent)
    {
        h.set(http::field::connection, "close");
    }
    else if (version == 10)
    {
        h.set(http::field::connection, "keep-alive");
    }
    for (const auto& [name, value] : r.fields)
    {
        h.insert(name, value);
    }
    if (r.bodyBytes > 0)
    {
        h.set(http::field::content_length, std::to_string(r.bodyBytes));
    }
    return h;
}

void
ClientRequest::MarkSent(uint64_t headerBytes)
{
    record.requestHeaderBytes = headerBytes;
    sent = Simulator::Now();
    RestartResponseTimer();
}

bool
ClientRequest::MarkResponse(unsigned status, uint64_t headerBytes, uint64_t contentLength)
{
    gotResponseBytes = true;
    header = Simulator::Now();
    RestartResponseTimer();
    record.status = status;
    record.responseHeaderBytes = headerBytes;
    record.contentLength = contentLength;
    const auto& fraction = request.abortFraction;
    return fraction && *fraction <= 0 && contentLength > 0;
}

bool
ClientRequest::MarkBody(uint64_t bytes)
{
    RestartResponseTimer();
    if (record.bodyBytes == 0)
    {
        firstBody = Simulator::Now();
    }
    record.bodyBytes += bytes;
    const auto& fraction = request.abortFraction;
    return fraction && record.bodyBytes < record.contentLength
        && record.bodyBytes >= *fraction * record.contentLength;
}

void
ClientRequest::RestartResponseTimer()
{
    if (conn)
    {
        conn->responseTimer.Start(responseTimeout);
    }
}

void
ClientRequest::StopResponseTimer()
{
    if (conn)
    {
        conn->responseTimer.Stop();
    }
}

void
ClientRequest::Finalize()
{
    abortEvent.Cancel();
    StopResponseTimer();
    const Time now = Simulator::Now();
    RequestRecord& r = record;
    if (r.status >= 400 && !r.failed && !r.aborted)
    {
        // The origin's or the proxy's error page is no success, whatever its bytes.
        r.failed = true;
        r.error = "HTTP " + std::to_string(r.status);
    }
    // Components up to the point reached, so that they always add up to total.
    if (sent)
    {
        r.reqRep = header.value_or(now) - *sent;
        if (header && firstBody)
        {
            r.repData = *firstBody - *header;
            r.data = now - *firstBody;
        }
        else if (header)
        {
            r.repData = now - *header; // zero for a complete bodiless response
        }
    }
    else if (r.newConnection)
    {
        r.sync = now - r.issued - r.wait; // ended while connecting
    }
    r.total = now - r.issued;
}

} // namespace ns3
