/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ISP_SCENARIO_HELPER_H
#define ISP_SCENARIO_HELPER_H

#include "ns3/application-container.h"
#include "ns3/command-line.h"
#include "ns3/lan-clients-helper.h"
#include "ns3/modem-pool-helper.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/origin-farm-helper.h"
#include "ns3/synthetic-workload.h"
#include "ns3/trace-record.h"
#include "ns3/trace-statistics.h"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * [PROXIM]'s two environments in one call: a synthetic workload of the matching preset, its
 * client population (a modem pool behind a T3, or a research LAN behind a T1), an origin
 * farm, routing, and the replaying clients, direct or through a proxy placed where the paper
 * places it (the ISP side of the modem pool's access router; the LAN side of the research
 * gateway).
 *
 * The workload's server RTT is the proxy-to-server RTT ([PROXIM] derives it from the trace's
 * SYN/SYN-ACK gaps at the sniffer, where the proxy sits): each origin is placed that far from
 * the access router, so a proxy beside it reaches the origin in that RTT (plus its own link)
 * and a direct client in that RTT plus its access network's.
 *
 * Use: Build(settings); optionally AddProxyNode() and install a proxy there;
 * InstallClients(proxyAddress or nothing).
 */
class IspScenarioHelper
{
  public:
    /**
     * The modem pool's SYN loss at the origins: [PROXIM]'s modem trace had a mean connection
     * setup of 1.3 s seen from the ISP. With ns-3's retries after 3, 6, 12 ... s, a loss
     * probability p adds 3p / (1 - 2p) s on average to the RTT (about 0.1 s): 1.2 s at 0.22.
     * The research trace's setup times are not given; its LAN gets none.
     */
    static constexpr double MODEM_SYN_LOSS = 0.22;

    /// What to build.
    struct Settings
    {
        std::string population{"modem"}; //!< "modem" (dial-up pool) or "lan" (research LAN)
        uint32_t modems{45};             //!< modems in the pool
        uint32_t users{0};               //!< users; 0: 40 per modem, 10 per LAN client
        uint32_t lanClients{30};         //!< LAN client nodes
        Time duration{Seconds(3600)};    //!< trace time to generate
        uint32_t rttClasses{6};          //!< RTT classes of origin servers
        uint32_t maxOutstanding{4};      //!< requests in flight per client
        bool pages{true};                //!< the workload's Pages
        /// The workload's Servers; 0: one per ObjectsPerServer objects of its universe, so
        /// that a short trace's sites hold as many objects as the full trace's
        uint32_t servers{0};
        /// The workload's SameSitePageProbability: a page's base on the server of the page
        /// before
        double sameSite{0.65};
        /// Probability that an origin loses a connection request (OriginFarmHelper::SetSynLoss);
        /// negative: the population's, MODEM_SYN_LOSS for the modem pool, 0 for the LAN
        double synLoss{-1};
        /// How long each origin holds a connection request, seconds, a random variable string
        /// (OriginFarmHelper::SetSynDelay); empty: not at all
        std::string synDelay;
        bool staticRouting{true};   //!< the helpers' aggregated routes, else global
        std::string uplinkRate;     //!< access uplink rate; empty: T3 or T1
        std::string serverRate;     //!< origin send rate per connection; empty: no limit
        Time timeWait{Seconds(60)}; //!< TCP TIME_WAIT (2 MSL)
        /// Whether Build sets the environment's other TCP defaults (1448-byte segments, no
        /// timestamp option). A program that takes ns-3 attributes from its command line sets
        /// false and the defaults itself (IspScenarioOptions::Check), so that the user's
        /// --ns3::TcpSocket::SegmentSize=536 is not undone
        bool tcpDefaults{true};
        /// Proxy-to-server RTT of each origin (the workload's ServerRtt, a random variable
        /// string); empty: the preset's
        std::string serverRtt;
        /// Server think (processing) time per request (OriginServer ServiceTime, a random
        /// variable string, seconds); empty: none
        std::string serverThink;
        /// Per-object mean modification interval at the origins, seconds, a random variable
        /// string (objects get Last-Modified ages and change as Poisson processes, see
        /// OriginFarmHelper::SetModificationInterval); empty: the preset's
        /// ModificationInterval; "none": Last-Modified at time 0 and never modified
        std::string modificationInterval;
        double maxAgeShare{0}; //!< share of objects sent with Cache-Control max-age
        std::string maxAge;    //!< their max-age, seconds, a random variable string
        int64_t stream{1000};  //!< first random stream of the workload
        /// Attributes of the workload (name, text) set after its preset and response statuses,
        /// which would otherwise overwrite them: the command line's
        /// --ns3::SyntheticWorkload::ZipfTheta=0.9 (IspScenarioOptions::Check collects them).
        /// Not those the settings set (Users, Duration, Servers ...)
        std::vector<std::pair<std::string, std::string>> workloadAttributes;
    };

    IspScenarioHelper();
    ~IspScenarioHelper();

    /**
     * Add the settings' command-line options (population, modems, users, lanClients,
     * duration, rttClasses, maxOutstanding, timeWait); the current values are the defaults.
     * \param cmd the command line
     * \param settings the settings the options write to
     */
    static void AddCommandLineOptions(CommandLine& cmd, Settings& settings);

    /**
     * The environment's TCP defaults besides TIME_WAIT, handed to a setter: 1448-byte segments
     * (a 1500-byte frame without options) and no RFC 1323 timestamp option (off by default in
     * the Windows 95/98 that the modem users ran, and in Solaris; ns-3 also builds an option
     * object for every segment with one, 5% of a modem pool's run). Build passes
     * Config::SetDefault; a program with an OptionChecker passes its SetAttributeDefault, so
     * that the command line's values win.
     * \param set called with each attribute's full name and value
     */
    static void SetTcpDefaults(
        const std::function<void(const std::string&, const AttributeValue&)>& set);

    /**
     * The workload attributes that Settings set (Users, Requests, Objects, Duration, Pages,
     * Servers, SameSitePageProbability, ServerRtt), each with the setting's name (users,
     * duration, ...): Build refuses them in workloadAttributes.
     * \return attribute name -> setting name
     */
    static const std::map<std::string, std::string>& GetWorkloadSettings();

    /**
     * Generate the workload and build the network. Throws std::invalid_argument for bad
     * settings (unknown population, no requests in the duration). Also sets the
     * environment's TCP defaults: TIME_WAIT (2 MSL) of timeWait (default Linux's 60 s rather
     * than ns-3's 240 s: closed connections stay in their node's endpoint list, which ns-3
     * scans per packet, until then) and, unless tcpDefaults is false, 1448-byte segments and
     * no timestamp option (as in 1998's Windows and Solaris stacks).
     * \param settings what to build
     */
    void Build(const Settings& settings);

    /**
     * Create a node beside the access router (modem pool: at the NAS, before the uplink; LAN:
     * at the gateway), linked at rate with one-way delay, addressed and routed.
     * \param rate link rate
     * \param delay one-way delay
     * \return the node
     */
    Ptr<Node> AddProxyNode(const std::string& rate = "100Mbps", Time delay = MicroSeconds(100));
    /// \return the address of the node AddProxyNode created
    Ipv4Address GetProxyAddress() const;

    /**
     * Install the replaying clients (call once, after any proxy node). Direct clients ask
     * for persistent connections as the trace's requests did; clients of a proxy always ask
     * for them, and the proxy's ClientPersistent decides. The access network's own random
     * variables (ARP jitter, CSMA backoff) get fixed streams here, from Settings::stream +
     * 1,000,000 (ModemPoolHelper or LanClientsHelper AssignStreams).
     * \param proxy the proxy's address and port; an invalid Address: direct access
     * \return the clients
     */
    ApplicationContainer InstallClients(const Address& proxy = Address());

    /**
     * \param host a server of the trace
     * \return its RTT from the access router (where AddProxyNode attaches the proxy): its
     *         RTT class's, the class nearest the workload's RTT for it
     */
    Time GetOriginRtt(const std::string& host) const;

    /// \return the settings as built (users filled in)
    const Settings& GetSettings() const;
    /// \return true for the modem environment
    bool IsModem() const;
    /// \return the workload's requests
    const std::vector<TraceRecord>& GetRecords() const;
    /// \return the workload that generated them (its servers, objects, RTTs)
    Ptr<SyntheticWorkload> GetWorkload() const;
    /// \return their statistics
    const TraceStatistics& GetStatistics() const;
    /// \return the origin farm (e.g. Resolve for a proxy)
    const OriginFarmHelper& GetFarm() const;
    /// \return the client nodes
    NodeContainer GetClients() const;
    /// \return the access uplink devices (access router side first)
    NetDeviceContainer GetUplinkDevices() const;
    /// \return the modem sessions (modem environment)
    const ModemPoolHelper::Assignment& GetSessions() const;

    /**
     * One line describing the population, the trace and the farm.
     * \param os the stream
     */
    void Describe(std::ostream& os) const;

  private:
    Settings m_settings;
    bool m_modem{true};
    std::vector<TraceRecord> m_records;
    TraceStatistics m_stats;
    Ptr<SyntheticWorkload> m_workload;
    ModemPoolHelper m_pool;
    LanClientsHelper m_lan;
    Ptr<Node> m_access;
    NodeContainer m_clients;
    NetDeviceContainer m_uplink;
    std::unique_ptr<OriginFarmHelper> m_farm;
    ModemPoolHelper::Assignment m_sessions;
    Ipv4Address m_proxyAddress;
    Time m_accessToCore; //!< one-way delay from the access router to the core
};

} // namespace ns3

#endif // ISP_SCENARIO_HELPER_H
