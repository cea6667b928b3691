/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef LATENCY_SUMMARY_H
#define LATENCY_SUMMARY_H

#include "request-record.h"

#include <array>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * Count, mean, median and 90th percentile of each latency component over a set of
 * request records ([PROXIM] reports means and medians).
 */
class LatencySummary
{
  public:
    /// The latency components, in the order of RequestRecord.
    enum Component
    {
        WAIT,
        SYNC,
        REQ_REP,
        REP_DATA,
        DATA,
        TOTAL,
        N_COMPONENTS
    };

    /// Statistics of one component, seconds.
    struct Stats
    {
        uint64_t count{0}; //!< samples
        double mean{0};    //!< mean
        double median{0};  //!< median (mean of the middle two for even counts)
        double p90{0};     //!< 90th percentile (nearest rank)
    };

    /**
     * Add a record. Failed requests (connection failures, timeouts, 4xx/5xx answers) are
     * counted apart and left out of the statistics; aborted ones stay in.
     * \param r the record
     */
    void Add(const RequestRecord& r);

    /**
     * \param c a component
     * \return its statistics
     */
    Stats Get(Component c) const;

    /// \return records added
    uint64_t GetRequests() const;
    /// \return records of failed requests
    uint64_t GetFailed() const;
    /// \return of those, the requests their client's stop ended (RequestRecord's
    /// APPLICATION_STOPPED: in flight or not yet issued when the run ended)
    uint64_t GetStopped() const;
    /// \return records of completed requests: neither failed nor aborted
    uint64_t GetCompleted() const;
    /// \return records of aborted requests
    uint64_t GetAborted() const;
    /// \return records that opened a new connection
    uint64_t GetNewConnections() const;
    /// \return body bytes over all records
    uint64_t GetBodyBytes() const;

    /**
     * \param c a component
     * \return its name as in [PROXIM]: wait, sync, req_rep, rep_data, data, total
     */
    static std::string GetName(Component c);

    /**
     * Write the summary as a text table.
     * \param os the stream
     */
    void Print(std::ostream& os) const;

  private:
    std::array<std::vector<double>, N_COMPONENTS> m_samples;
    uint64_t m_requests{0};
    uint64_t m_failed{0};
    uint64_t m_stopped{0};
    uint64_t m_completed{0};
    uint64_t m_aborted{0};
    uint64_t m_newConnections{0};
    uint64_t m_bodyBytes{0};
};

} // namespace ns3

#endif // LATENCY_SUMMARY_H
