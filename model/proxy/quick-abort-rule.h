/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef QUICK_ABORT_RULE_H
#define QUICK_ABORT_RULE_H

#include "ns3/attribute.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <string>

namespace ns3
{

/**
 * \ingroup web-proxy
 * What a proxy does with its download from the origin when the client aborts ([PROXIM],
 * section IV.B). Unscoped, as ns-3 attribute enums are.
 */
enum AbortPolicy
{
    ABORT_CONTINUE, //!< finish the download (and cache the object)
    ABORT_AT_ONCE,  //!< abort the server connection at once
    ABORT_QUICK     //!< Squid's quick_abort rule decides
};

/**
 * \ingroup web-proxy
 * Squid's quick_abort_min / quick_abort_max / quick_abort_pct: keep downloading when little
 * remains or most has arrived, give up when much remains.
 */
struct QuickAbortRule
{
    uint64_t minBytes{16 * 1024}; //!< continue if at most this much remains
    uint64_t maxBytes{16 * 1024}; //!< abort if more than this remains
    double percent{0.95};         //!< continue if at least this fraction has arrived

    /**
     * Squid's decision (store_client.cc, CheckQuickAbortIsReasonable), in bytes.
     * \param received body bytes received so far
     * \param expected Content-Length
     * \return true to keep downloading
     */
    bool ShouldContinue(uint64_t received, uint64_t expected) const;
};

/**
 * Parse an AbortPolicy name: "continue", "abort" or "quick".
 * \param name the name
 * \return the policy; throws std::invalid_argument for other names
 */
AbortPolicy ParseAbortPolicy(const std::string& name);

/**
 * \brief Parse the AbortPolicy attribute's spelling: "Continue", "Abort" or "Quick".
 * \param name the name
 * \return the policy; a fatal error for other names
 */
AbortPolicy ParseAbortPolicyAttribute(const std::string& name);

/**
 * \brief The AbortPolicy attribute's spelling of a policy.
 * \param policy the policy
 * \return "Continue", "Abort" or "Quick"
 */
std::string AbortPolicyAttributeName(AbortPolicy policy);

/**
 * \brief The checker of the AbortPolicy attribute: its three spellings and nothing else.
 * \return the checker
 */
Ptr<const AttributeChecker> MakeAbortPolicyChecker();

/**
 * \brief Whether to finish a server download whose client went away ([PROXIM] §IV.B).
 * \param policy the abort policy
 * \param rule the quick_abort parameters, for ABORT_QUICK
 * \param storable whether a response header came and the response is to be stored: the
 *        quick rule only keeps downloads the cache will use
 * \param received body bytes received so far
 * \param expected Content-Length
 * \return true to keep downloading
 */
bool ContinueAfterAbort(AbortPolicy policy,
                        const QuickAbortRule& rule,
                        bool storable,
                        uint64_t received,
                        uint64_t expected);

} // namespace ns3

#endif // QUICK_ABORT_RULE_H
