/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "depot-flow-report.h"

#include "ns3/abort.h"
#include "ns3/log.h"

#include <fstream>
#include <iomanip>
#include <map>
#include <ostream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DepotFlowReport");

namespace
{
constexpr uint8_t TCP_PROTOCOL = 6;

/// \param sum a sum of delays \param n how many \return the mean in ms (0 for none)
double
MeanMs(Time sum, uint64_t n)
{
    return n ? sum.GetSeconds() * 1e3 / n : 0.0;
}

/// \param t a tuple \return the same connection seen from the other end
DepotFlowTracker::Tuple
Reversed(const DepotFlowTracker::Tuple& t)
{
    return {t.destination, t.source, t.destinationPort, t.sourcePort};
}
} // namespace

uint64_t
DepotFlowRecord::ClientSideSent() const
{
    return request.sentPackets + reply.forwardedPackets;
}

uint64_t
DepotFlowRecord::ClientSideDelivered() const
{
    return request.atDepotPackets + reply.deliveredPackets;
}

uint64_t
DepotFlowRecord::ClientSideBytes() const
{
    return request.atDepotBytes + reply.deliveredBytes;
}

uint64_t
DepotFlowRecord::ClientSideLost() const
{
    return request.lostBeforeDepot + reply.lostAfterDepot;
}

Time
DepotFlowRecord::ClientSideDelay() const
{
    const uint64_t n = ClientSideDelivered();
    return n ? (request.toDepotDelay + reply.fromDepotDelay) / n : Time();
}

uint64_t
DepotFlowRecord::ProxySideSent() const
{
    return request.forwardedPackets + reply.sentPackets;
}

uint64_t
DepotFlowRecord::ProxySideDelivered() const
{
    return request.deliveredPackets + reply.atDepotPackets;
}

uint64_t
DepotFlowRecord::ProxySideBytes() const
{
    return request.deliveredBytes + reply.atDepotBytes;
}

uint64_t
DepotFlowRecord::ProxySideLost() const
{
    return request.lostAfterDepot + reply.lostBeforeDepot;
}

Time
DepotFlowRecord::ProxySideDelay() const
{
    const uint64_t n = ProxySideDelivered();
    return n ? (request.fromDepotDelay + reply.toDepotDelay) / n : Time();
}

uint64_t
DepotFlowRecord::DepotDropped() const
{
    return request.droppedAtDepot + reply.droppedAtDepot;
}

Time
DepotFlowRecord::DepotDelay() const
{
    const uint64_t n = request.forwardedPackets + reply.forwardedPackets;
    return n ? (request.inDepotDelay + reply.inDepotDelay) / n : Time();
}

uint64_t
DepotFlowRecord::Delivered() const
{
    return request.deliveredPackets + reply.deliveredPackets;
}

Time
DepotFlowRecord::EndToEndDelay() const
{
    const uint64_t n = Delivered();
    return n ? (request.endToEndDelay + reply.endToEndDelay) / n : Time();
}

uint64_t
DepotFlowRecord::InFlight() const
{
    return request.inFlight + reply.inFlight;
}

std::string
DepotFlowRecord::LossSide() const
{
    std::string s;
    auto add = [&s](uint64_t n, const char* side)
    {
        if (n)
        {
            s += (s.empty() ? "" : "+") + std::string(side);
        }
    };
    add(ClientSideLost(), "client");
    add(DepotDropped(), "depot");
    add(ProxySideLost(), "proxy");
    return s.empty() ? "none" : s;
}

DepotFlowReport::DepotFlowReport(Ptr<DepotFlowTracker> tracker,
                                 Ptr<FlowMonitor> monitor,
                                 Ptr<Ipv4FlowClassifier> classifier)
{
    NS_ABORT_MSG_IF(!tracker, "DepotFlowReport: no tracker (DepotFlowReportHelper::Install)");
    tracker->Settle();
    m_untracked = tracker->GetUntracked();
    m_depots = tracker->GetDepotNodes().size();
    const auto& directions = tracker->GetDirections();
    // Index of each record by the tuple each of its FlowMonitor flows was classified with.
    std::map<DepotFlowTracker::Tuple, std::pair<size_t, bool>> byFlowTuple;
    std::set<uint32_t> vips;
    for (const auto& [key, s] : tracker->GetSessions())
    {
        DepotFlowRecord r;
        r.client = key.source;
        r.clientPort = key.sourcePort;
        r.vip = key.destination;
        r.vipPort = key.destinationPort;
        r.proxy = s.proxy;
        r.proxyPort = s.proxyPort;
        r.depotNode = s.depotNode;
        r.opened = s.opened;
        r.mappings = s.mappings;
        const DepotFlowTracker::Tuple replyKey{s.proxy, key.source, s.proxyPort, key.sourcePort};
        if (auto it = directions.find(key); it != directions.end())
        {
            r.request = it->second;
        }
        if (auto it = directions.find(replyKey); it != directions.end())
        {
            r.reply = it->second;
        }
        byFlowTuple[key] = {m_records.size(), true};
        byFlowTuple[replyKey] = {m_records.size(), false};
        // Direct routing: the proxy answers from the VIP itself, bypassing the depot.
        byFlowTuple.emplace(Reversed(key), std::make_pair(m_records.size(), false));
        vips.insert(key.destination.Get());
        m_records.push_back(r);
    }
    if (!monitor)
    {
        return;
    }
    NS_ABORT_MSG_IF(!classifier,
                    "DepotFlowReport: a FlowMonitor needs its Ipv4FlowClassifier "
                    "(FlowMonitorHelper::GetClassifier)");
    monitor->CheckForLostPackets();
    for (const auto& [id, stats] : monitor->GetFlowStats())
    {
        const Ipv4FlowClassifier::FiveTuple ft = classifier->FindFlow(id);
        const DepotFlowTracker::Tuple t{
            ft.sourceAddress, ft.destinationAddress, ft.sourcePort, ft.destinationPort};
        auto it = ft.protocol == TCP_PROTOCOL ? byFlowTuple.find(t) : byFlowTuple.end();
        if (it == byFlowTuple.end())
        {
            const bool toVip = vips.count(ft.destinationAddress.Get()) != 0;
            (toVip ? m_unjoined : m_other).push_back(id);
            continue;
        }
        DepotFlowRecord& r = m_records[it->second.first];
        (it->second.second ? r.hasRequestFlow : r.hasReplyFlow) = true;
        (it->second.second ? r.requestFlow : r.replyFlow) = id;
        r.flowMonitorRxPackets += stats.rxPackets;
        r.flowMonitorLostPackets += stats.lostPackets;
    }
}

const std::vector<DepotFlowRecord>&
DepotFlowReport::GetRecords() const
{
    return m_records;
}

const std::vector<FlowId>&
DepotFlowReport::GetOtherFlows() const
{
    return m_other;
}

const std::vector<FlowId>&
DepotFlowReport::GetUnjoinedFlows() const
{
    return m_unjoined;
}

uint64_t
DepotFlowReport::GetUntracked() const
{
    return m_untracked;
}

std::string
DepotFlowReport::CsvHeader()
{
    return "client,client_port,vip,vip_port,proxy,proxy_port,depot_node,opened_s,mappings,"
           "request_flow,reply_flow,request_packets,request_bytes,reply_packets,reply_bytes,"
           "client_side_sent,client_side_delivered,client_side_bytes,client_side_lost,"
           "client_side_delay_ms,depot_dropped,depot_delay_ms,proxy_side_sent,"
           "proxy_side_delivered,proxy_side_bytes,proxy_side_lost,proxy_side_delay_ms,"
           "delivered,end_to_end_delay_ms,in_flight,loss_side,flowmon_rx_packets,"
           "flowmon_lost_packets";
}

void
DepotFlowReport::WriteCsv(std::ostream& os) const
{
    os << CsvHeader() << '\n';
    auto flow = [](bool has, FlowId id)
    {
        return has ? std::to_string(id) : std::string();
    };
    for (const DepotFlowRecord& r : m_records)
    {
        os << r.client << ',' << r.clientPort << ',' << r.vip << ',' << r.vipPort << ',' << r.proxy
           << ',' << r.proxyPort << ',' << r.depotNode << ',' << std::fixed << std::setprecision(6)
           << r.opened.GetSeconds() << ',' << r.mappings << ','
           << flow(r.hasRequestFlow, r.requestFlow) << ',' << flow(r.hasReplyFlow, r.replyFlow)
           << ',' << r.request.sentPackets << ',' << r.request.sentBytes << ','
           << r.reply.sentPackets << ',' << r.reply.sentBytes << ',' << r.ClientSideSent() << ','
           << r.ClientSideDelivered() << ',' << r.ClientSideBytes() << ',' << r.ClientSideLost()
           << ',' << std::setprecision(3) << r.ClientSideDelay().GetSeconds() * 1e3 << ','
           << r.DepotDropped() << ',' << r.DepotDelay().GetSeconds() * 1e3 << ','
           << r.ProxySideSent() << ',' << r.ProxySideDelivered() << ',' << r.ProxySideBytes() << ','
           << r.ProxySideLost() << ',' << r.ProxySideDelay().GetSeconds() * 1e3 << ','
           << r.Delivered() << ',' << r.EndToEndDelay().GetSeconds() * 1e3 << ',' << r.InFlight()
           << ',' << r.LossSide() << ',' << r.flowMonitorRxPackets << ','
           << r.flowMonitorLostPackets << '\n';
        os.unsetf(std::ios::floatfield);
    }
}

void
DepotFlowReport::WriteSummary(std::ostream& os) const
{
    uint64_t sent[2] = {0, 0};
    uint64_t delivered[2] = {0, 0};
    uint64_t lost[2] = {0, 0};
    Time delay[2];
    uint64_t dropped = 0;
    uint64_t endToEnd = 0;
    Time endToEndDelay;
    uint64_t fmRx = 0;
    uint64_t fmLost = 0;
    std::map<std::string, uint32_t> sides;
    uint32_t withFlows = 0;
    for (const DepotFlowRecord& r : m_records)
    {
        sent[0] += r.ClientSideSent();
        sent[1] += r.ProxySideSent();
        delivered[0] += r.ClientSideDelivered();
        delivered[1] += r.ProxySideDelivered();
        lost[0] += r.ClientSideLost();
        lost[1] += r.ProxySideLost();
        delay[0] += r.request.toDepotDelay + r.reply.fromDepotDelay;
        delay[1] += r.request.fromDepotDelay + r.reply.toDepotDelay;
        dropped += r.DepotDropped();
        endToEnd += r.Delivered();
        endToEndDelay += r.request.endToEndDelay + r.reply.endToEndDelay;
        fmRx += r.flowMonitorRxPackets;
        fmLost += r.flowMonitorLostPackets;
        ++sides[r.LossSide()];
        withFlows += r.hasRequestFlow && r.hasReplyFlow;
    }
    os << "Depot flow report: " << m_records.size() << " sessions of " << m_depots << " depot(s), "
       << withFlows << " with both FlowMonitor flows; " << m_other.size()
       << " other flows passed through; " << m_unjoined.size()
       << " flows to a VIP without a session; " << m_untracked << " datagrams untracked\n";
    const char* names[2] = {"client side", "proxy side"};
    for (int s = 0; s < 2; ++s)
    {
        os << "  " << names[s] << ": " << sent[s] << " datagrams sent, " << delivered[s]
           << " delivered, " << lost[s] << " lost, mean delay " << std::fixed
           << std::setprecision(3) << MeanMs(delay[s], delivered[s]) << " ms\n";
        os.unsetf(std::ios::floatfield);
    }
    os << "  depot: " << dropped << " dropped\n"
       << "  end to end: " << endToEnd << " delivered, mean delay " << std::fixed
       << std::setprecision(3) << MeanMs(endToEndDelay, endToEnd) << " ms\n";
    os.unsetf(std::ios::floatfield);
    os << "  FlowMonitor alone for these flows: " << fmRx << " received, " << fmLost << " lost\n"
       << "  sessions by loss side:";
    for (const auto& [side, n] : sides)
    {
        os << ' ' << side << '=' << n;
    }
    os << '\n';
}

std::string
DepotFlowReport::WriteNextTo(const std::string& flowMonitorXml) const
{
    std::string base = flowMonitorXml;
    if (base.size() > 4 && base.compare(base.size() - 4, 4, ".xml") == 0)
    {
        base.resize(base.size() - 4);
    }
    const std::string csv = base + "-depot.csv";
    const std::string txt = base + "-depot.txt";
    std::ofstream c(csv);
    NS_ABORT_MSG_IF(!c, "DepotFlowReport: cannot write " << csv);
    WriteCsv(c);
    std::ofstream t(txt);
    NS_ABORT_MSG_IF(!t, "DepotFlowReport: cannot write " << txt);
    WriteSummary(t);
    NS_ABORT_MSG_IF(!c.flush() || !t.flush(),
                    "DepotFlowReport: writing " << csv << " or " << txt << " failed");
    return csv;
}

} // namespace ns3
