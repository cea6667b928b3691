/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef DEPOT_FLOW_REPORT_H
#define DEPOT_FLOW_REPORT_H

#include "depot-flow-tracker.h"

#include "ns3/flow-monitor.h"
#include "ns3/ipv4-flow-classifier.h"

#include <iosfwd>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * One depot session with both halves joined: the client's connection to the VIP and the
 * proxy's side of it. "Client side" is the path between the client and the depot, "proxy
 * side" the path between the depot and the proxy; each carries the requests one way and the
 * replies the other. Counts are IP datagrams and their bytes (headers included).
 */
struct DepotFlowRecord
{
    Ipv4Address client;     //!< client address
    uint16_t clientPort{0}; //!< client port
    Ipv4Address vip;        //!< the depot's virtual address
    uint16_t vipPort{0};    //!< service port on it
    Ipv4Address proxy;      //!< chosen proxy
    uint16_t proxyPort{0};  //!< its port
    uint32_t depotNode{0};  //!< id of the depot's node
    Time opened;            //!< when the depot first mapped the session
    uint32_t mappings{0};   //!< times the depot mapped it (more than 1: client port reused)

    bool hasRequestFlow{false};         //!< FlowMonitor classified the client's flow to the VIP
    FlowId requestFlow{0};              //!< its FlowId
    bool hasReplyFlow{false};           //!< FlowMonitor classified the proxy's flow to the client
    FlowId replyFlow{0};                //!< its FlowId
    uint64_t flowMonitorRxPackets{0};   //!< rxPackets FlowMonitor gives the two flows
    uint64_t flowMonitorLostPackets{0}; //!< lostPackets FlowMonitor gives the two flows

    DepotFlowTracker::Direction request; //!< client to proxy, by the tuple the client sent
    DepotFlowTracker::Direction reply;   //!< proxy to client, by the tuple the proxy sent

    /// \return datagrams sent into the client side (requests sent, replies forwarded)
    uint64_t ClientSideSent() const;
    /// \return datagrams that crossed the client side
    uint64_t ClientSideDelivered() const;
    /// \return bytes that crossed the client side
    uint64_t ClientSideBytes() const;
    /// \return datagrams lost on the client side
    uint64_t ClientSideLost() const;
    /// \return mean one-way delay across the client side (zero when nothing crossed)
    Time ClientSideDelay() const;
    /// \return datagrams sent into the proxy side (requests forwarded, replies sent)
    uint64_t ProxySideSent() const;
    /// \return datagrams that crossed the proxy side
    uint64_t ProxySideDelivered() const;
    /// \return bytes that crossed the proxy side
    uint64_t ProxySideBytes() const;
    /// \return datagrams lost on the proxy side
    uint64_t ProxySideLost() const;
    /// \return mean one-way delay across the proxy side
    Time ProxySideDelay() const;
    /// \return datagrams that reached the depot and did not leave it
    uint64_t DepotDropped() const;
    /// \return mean time a forwarded datagram spent in the depot
    Time DepotDelay() const;
    /// \return datagrams delivered end to end (both directions)
    uint64_t Delivered() const;
    /// \return mean one-way delay end to end (both directions)
    Time EndToEndDelay() const;
    /// \return datagrams under way when the run ended
    uint64_t InFlight() const;
    /// \return where datagrams were lost: "none", or "client", "depot", "proxy" joined by '+'
    std::string LossSide() const;
};

/**
 * \ingroup web-proxy
 * The depot-aware FlowMonitor report: joins each depot session's two halves (see
 * DepotFlowTracker) into one DepotFlowRecord and names the FlowMonitor flows that belong to
 * it, the client's flow to the VIP and the proxy's flow to the client (FlowMonitor shows
 * them as two unrelated flows whose packets are all lost). Flows of no depot session pass
 * through unchanged: GetOtherFlows lists them, FlowMonitor's own XML has their figures.
 * Built after Simulator::Run (DepotFlowReportHelper::Report).
 */
class DepotFlowReport
{
  public:
    /**
     * Join. Settles the tracker's unfinished datagrams first.
     * \param tracker the tracker that observed the run
     * \param monitor the run's FlowMonitor (may be null: no FlowIds then)
     * \param classifier its Ipv4FlowClassifier (may be null)
     */
    DepotFlowReport(Ptr<DepotFlowTracker> tracker,
                    Ptr<FlowMonitor> monitor,
                    Ptr<Ipv4FlowClassifier> classifier);

    /// \return one record per session, ordered by client address and port
    const std::vector<DepotFlowRecord>& GetRecords() const;

    /// \return FlowMonitor flows of no depot session
    const std::vector<FlowId>& GetOtherFlows() const;

    /// \return FlowMonitor flows to a VIP with no session (e.g. SYNs the depot dropped)
    const std::vector<FlowId>& GetUnjoinedFlows() const;

    /// \return datagrams the tracker could not follow (MaxInFlight reached)
    uint64_t GetUntracked() const;

    /// \param os where the CSV goes (a header line, then one row per record)
    void WriteCsv(std::ostream& os) const;

    /// \param os where the text summary goes (totals per side, loss attribution)
    void WriteSummary(std::ostream& os) const;

    /**
     * Write the CSV and the summary next to FlowMonitor's XML: "x.xml" gives "x-depot.csv" and
     * "x-depot.txt". Aborts naming the file when it cannot be written.
     * \param flowMonitorXml the path FlowMonitor's XML was (or will be) written to
     * \return the CSV's path
     */
    std::string WriteNextTo(const std::string& flowMonitorXml) const;

    /// \return the CSV header line (without newline)
    static std::string CsvHeader();

  private:
    std::vector<DepotFlowRecord> m_records; //!< joined sessions
    std::vector<FlowId> m_other;            //!< flows of no session
    std::vector<FlowId> m_unjoined;         //!< flows to a VIP without a session
    uint64_t m_untracked{0};                //!< not followed
    uint32_t m_depots{0};                   //!< depots attached
};

} // namespace ns3

#endif // DEPOT_FLOW_REPORT_H
