/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef SYN_LOSS_ERROR_MODEL_H
#define SYN_LOSS_ERROR_MODEL_H

#include "ns3/error-model.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup web-proxy
 * A receive error model for an origin's point-to-point link that loses connection requests:
 * each TCP segment with SYN and without ACK is lost with probability Probability, every other
 * packet passes.
 *
 * [PROXIM]_ reports a mean connection setup of 1.3 s in its modem trace (seen from the ISP,
 * without the modems' delays), far above its RTTs: 1997's Internet lost SYNs, and busy servers
 * dropped them from full listen queues, and the client retried only after its 3 s connection
 * timeout, 6 s after a second loss, and so on. A lost SYN gives that tail (ns-3's TCP retries
 * after ConnTimeout, 3 s, doubling) without touching the requests, responses and data of
 * established connections, whose times the paper's trace and ours already match.
 *
 * The packet is read as the PointToPointNetDevice hands it over (PPP header, IPv4, TCP); a
 * packet that is not IPv4 over PPP, a fragment after the first, or one too short to hold the
 * TCP flags passes. The random variable is drawn only for connection requests, so the model
 * leaves every other stream's draws as they were.
 */
class SynLossErrorModel : public ErrorModel
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    SynLossErrorModel();

    /**
     * Use stream for the loss decisions.
     * \param stream the first stream
     * \return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /// \return connection requests seen while Probability was above 0 (lost or not)
    uint64_t GetRequests() const;
    /// \return connection requests lost
    uint64_t GetLosses() const;

    /**
     * \param packet a packet as a point-to-point device receives it (PPP header first)
     * \return whether it is a TCP connection request (SYN without ACK) over IPv4
     */
    static bool IsConnectionRequest(Ptr<const Packet> packet);

  private:
    bool DoCorrupt(Ptr<Packet> p) override;
    void DoReset() override;

    double m_probability{0};                       //!< loss probability of a connection request
    Ptr<RandomVariableStream> m_ranvar;            //!< uniform on [0, 1)
    uint64_t m_requests{0};                        //!< connection requests seen
    uint64_t m_losses{0};                          //!< connection requests lost
    TracedCallback<Ptr<const Packet>> m_lossTrace; //!< a connection request was lost
};

} // namespace ns3

#endif // SYN_LOSS_ERROR_MODEL_H
