/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef BACKBONE_SITES_H
#define BACKBONE_SITES_H

#include "backbone-graph.h"

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * \brief Which PoPs of a backbone host an ISP scenario's populations and its Internet edge.
 *
 * An ISP backbone scenario puts a research LAN with its depot site, a dial-up modem pool, an
 * intercepted population (its access router's proxy takes its web traffic, as in
 * [ProxyTeller]'s setting) and the Internet edge (firewall, origin servers) at four different
 * PoPs, and further depot sites at others. A user names the PoPs or takes the defaults:
 * - the LAN, and the first depot site: the largest demand (the node weight; ties: the lower
 *   index), where [Depot] places its depots, in front of most clients;
 * - the modem pool: the next largest demand;
 * - the edge: the best connected PoP left (most links; ties: the lower index), the ISP's
 *   transit point;
 * - the intercepted population: the largest demand left;
 * - the further depot sites: the largest demands not taken yet.
 *
 * A choice that cannot hold (an unknown PoP name, two populations at one PoP, fewer than
 * four PoPs, more depot sites than PoPs left) throws BackboneSites::Error naming the setting.
 */
class BackboneSites
{
  public:
    /// What a scenario asks for. An empty name: the default choice.
    struct Request
    {
        std::string lanPop;       //!< the LAN and the first depot site
        std::string modemPop;     //!< the modem pool
        std::string edgePop;      //!< the Internet edge
        std::string interceptPop; //!< the intercepted population
        uint32_t depotSites{1};   //!< depot sites, the LAN's PoP first
    };

    /// A choice that cannot hold: the setting to blame, the problem (what()), what would do.
    class Error : public std::invalid_argument
    {
      public:
        /**
         * \param setting the Request member (as the option of the same name), or "topology"
         * \param problem what is wrong
         * \param allowed what would be right
         */
        Error(const std::string& setting, const std::string& problem, const std::string& allowed);
        /// \return the setting to blame: lanPop, modemPop, edgePop, interceptPop,
        /// depotSites or topology
        const std::string& GetSetting() const;
        /// \return what would be right
        const std::string& GetAllowed() const;

      private:
        std::string m_setting; //!< the setting to blame
        std::string m_allowed; //!< what would be right
    };

    /**
     * Choose the PoPs.
     * \param graph the backbone
     * \param request the names given and the number of depot sites
     * \throws Error when the choice cannot hold
     */
    BackboneSites(const BackboneGraph& graph, const Request& request);

    /// \return the LAN's PoP, which is also the first depot site's
    uint32_t GetLanPop() const;
    /// \return the modem pool's PoP
    uint32_t GetModemPop() const;
    /// \return the Internet edge's PoP
    uint32_t GetEdgePop() const;
    /// \return the intercepted population's PoP
    uint32_t GetInterceptPop() const;
    /// \return the depot sites' PoPs, the LAN's first
    const std::vector<uint32_t>& GetDepotPops() const;

  private:
    /**
     * \param graph the backbone
     * \param setting the Request member the name comes from
     * \param name a PoP name, or empty
     * \param byDefault the PoP when name is empty
     * \return the PoP
     */
    static uint32_t Pick(const BackboneGraph& graph,
                         const std::string& setting,
                         const std::string& name,
                         uint32_t byDefault);

    uint32_t m_lan;                //!< the LAN's PoP
    uint32_t m_modem;              //!< the modem pool's PoP
    uint32_t m_edge;               //!< the edge's PoP
    uint32_t m_intercept;          //!< the intercepted population's PoP
    std::vector<uint32_t> m_depot; //!< the depot sites' PoPs
};

} // namespace ns3

#endif // BACKBONE_SITES_H
