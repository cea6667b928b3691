/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef INTERNET_EDGE_HELPER_H
#define INTERNET_EDGE_HELPER_H

#include "ns3/application.h"
#include "ns3/attribute.h"
#include "ns3/connection-cache.h"
#include "ns3/firewall-helper.h"
#include "ns3/firewall.h"
#include "ns3/inet-socket-address.h"
#include "ns3/node.h"
#include "ns3/proxy-cache-helper.h"
#include "ns3/socks5-gateway-helper.h"
#include "ns3/socks5-gateway.h"

#include <string>

namespace ns3
{

/**
 * \ingroup web-proxy
 * The Internet edge of a private network ([Depot] §4.2, Fig. 4): a Firewall between the
 * proxies and the Internet, and the one way through it the proxies are given, in either of
 * the paper's two designs:
 *
 * - SOCKS_GATEWAY: the proxies are SOCKSified. A Socks5Gateway runs on the firewall node;
 *   the firewall lets the inside reach only its port. The gateway's own connections to the
 *   origins are the node's packets, which the firewall does not filter.
 * - PARENT_PROXY: "an external SOCKSified proxy right outside the firewall", so that the
 *   proxies inside need no SOCKS. A ProxyCache runs on a host on the firewall's outside; the
 *   firewall lets the inside reach only its port, and every proxy inside sends its misses
 *   to it as its Parent. When the firewall node also routes the Internet side (the origins
 *   hang off it), the parent's own connections cross it between two outside interfaces, so
 *   a rule lets the parent's packets through.
 *
 * Rules, in order: EXIT_RULE allows TCP from the inside to the exit's address and port;
 * DENY_OUT denies every other outbound packet; PARENT_OUT (parent design only) allows
 * inbound-direction TCP from the parent's address. The default policy denies what comes in.
 *
 * Install onto the script's own nodes, after their links and addresses exist. Then
 * ConfigureProxies gives a ProxyCacheHelper the attribute that sends the inside proxies
 * through the exit (SocksGateway or Parent).
 */
class InternetEdgeHelper
{
  public:
    /// How the proxies inside pass the firewall.
    enum Design
    {
        SOCKS_GATEWAY, //!< SOCKSified proxies, through a gateway on the firewall node
        PARENT_PROXY,  //!< a parent proxy just outside the firewall
    };

    static constexpr uint32_t EXIT_RULE = 0;  //!< allow inside -> the exit
    static constexpr uint32_t DENY_OUT = 1;   //!< deny every other outbound packet
    static constexpr uint32_t PARENT_OUT = 2; //!< parent design: the parent's own connections

    /// What Install built.
    struct Edge
    {
        Ptr<Firewall> firewall;                           //!< on the firewall node
        Ptr<Socks5Gateway> gateway;                       //!< SOCKS design, else null
        Ptr<ConnectionCache> parent;                      //!< parent design, else null
        InetSocketAddress exit{Ipv4Address::GetAny(), 0}; //!< where the inside proxies go
        std::string proxyAttribute;                       //!< "SocksGateway" or "Parent"

        /**
         * Point the proxies a helper installs from now on at the exit.
         * \param proxies the helper of the inside proxies
         */
        void ConfigureProxies(ProxyCacheHelper& proxies) const;
    };

    /// Design SOCKS_GATEWAY, inside interface 1, the firewall's and gateway's defaults.
    InternetEdgeHelper();

    /**
     * \param design how the proxies pass the firewall
     */
    void SetDesign(Design design);

    /**
     * \param name "socks" or "parent"
     * \return the design
     * \throws std::invalid_argument naming the text and the valid names
     */
    static Design ParseDesign(const std::string& name);

    /**
     * \param interface the firewall node's interface (index in its Ipv4) towards the private
     *        network; the others are outside
     */
    void SetInsideInterface(uint32_t interface);

    /**
     * Set an attribute of the Firewall.
     * \param name attribute name
     * \param value attribute value
     */
    void SetFirewallAttribute(const std::string& name, const AttributeValue& value);

    /**
     * Set an attribute of the Socks5Gateway (SOCKS design).
     * \param name attribute name
     * \param value attribute value
     */
    void SetGatewayAttribute(const std::string& name, const AttributeValue& value);

    /**
     * Set an attribute of the parent ProxyCache (parent design).
     * \param name attribute name
     * \param value attribute value
     */
    void SetParentAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \param resolver how the parent finds the origins (e.g. OriginFarmHelper::Resolve)
     */
    void SetParentResolver(ConnectionCache::Resolver resolver);

    /**
     * Build the edge. Aborts naming the problem when a node lacks the Ipv4 or address it
     * needs, when the parent design has no parent host, or when the firewall node already
     * has a Firewall.
     * \param firewallNode the node between the private network and the Internet, its inside
     *        interface addressed (the gateway's address in the SOCKS design)
     * \param parentHost parent design: a host linked to the firewall node on an outside
     *        interface and addressed; SOCKS design: none
     * \return the pieces
     */
    Edge Install(Ptr<Node> firewallNode, Ptr<Node> parentHost = nullptr) const;

  private:
    Design m_design{SOCKS_GATEWAY}; //!< how the proxies pass
    uint32_t m_inside{1};           //!< inside interface of the firewall node
    FirewallHelper m_firewall;      //!< attributes; the rules are added by Install
    Socks5GatewayHelper m_gateway;  //!< the gateway (port 1080 unless set)
    ProxyCacheHelper m_parent;      //!< the parent proxy (port 3128 unless set)
};

} // namespace ns3

#endif // INTERNET_EDGE_HELPER_H
