/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ADDRESS_PLAN_ERROR_H
#define ADDRESS_PLAN_ERROR_H

#include <stdexcept>
#include <string>

namespace ns3
{

/**
 * \ingroup web-proxy
 * A request an AddressPlan cannot satisfy; what() names the blocks or pool involved.
 */
class AddressPlanError : public std::runtime_error
{
  public:
    /// What went wrong.
    enum Kind
    {
        OVERLAP,        //!< a pool or reserved block overlaps one already in the plan
        POOL_EXHAUSTED, //!< no free block of the size asked for is left in the pool
        UNKNOWN_NAME,   //!< no pool (Allocate) or block (Get) of that name
        DUPLICATE_NAME, //!< a pool or block of that name exists
        BAD_PREFIX,     //!< a prefix length outside 1..32, or larger than its pool's
        MISALIGNED,     //!< a network address with host bits set
        TOO_SMALL,      //!< more devices to number than the block has host addresses
    };

    /**
     * \param kind what went wrong
     * \param message the explanation, naming the blocks or pool
     */
    AddressPlanError(Kind kind, const std::string& message)
        : std::runtime_error(std::string(KindName(kind)) + ": " + message)
        , m_kind(kind)
    {}

    /// \return what went wrong
    Kind GetKind() const
    {
        return m_kind;
    }

    /**
     * \param kind a kind
     * \return its name, e.g. "OVERLAP"
     */
    static const char* KindName(Kind kind)
    {
        switch (kind)
        {
        case OVERLAP:
            return "OVERLAP";
        case POOL_EXHAUSTED:
            return "POOL_EXHAUSTED";
        case UNKNOWN_NAME:
            return "UNKNOWN_NAME";
        case DUPLICATE_NAME:
            return "DUPLICATE_NAME";
        case BAD_PREFIX:
            return "BAD_PREFIX";
        case MISALIGNED:
            return "MISALIGNED";
        case TOO_SMALL:
            return "TOO_SMALL";
        }
        return "UNKNOWN";
    }

  private:
    Kind m_kind; //!< what went wrong
};

} // namespace ns3

#endif // ADDRESS_PLAN_ERROR_H
