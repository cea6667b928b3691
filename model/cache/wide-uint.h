/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef WIDE_UINT_H
#define WIDE_UINT_H

#include <cstdint>

namespace ns3
{

/// 128-bit intermediate of the limb arithmetic (__extension__: accepted under -pedantic).
__extension__ typedef unsigned __int128 WideUintDouble;

/**
 * \ingroup web-proxy
 * A 256-bit unsigned integer with the few operations GreedyDualPolicy's exact priorities
 * need: compare, add, multiply and divide by a 64-bit number, each reporting overflow
 * instead of wrapping. Four 64-bit limbs, least significant first; 32 bytes, trivially
 * copyable (heap entries).
 */
class WideUint
{
  public:
    /// Zero.
    WideUint() = default;

    /**
     * \param v the value
     */
    explicit WideUint(uint64_t v)
        : m_limb{v, 0, 0, 0}
    {}

    /**
     * \param o another value
     * \return true if this < o
     */
    bool operator<(const WideUint& o) const
    {
        for (int i = 3; i >= 0; --i)
        {
            if (m_limb[i] != o.m_limb[i])
            {
                return m_limb[i] < o.m_limb[i];
            }
        }
        return false;
    }

    /**
     * \param o another value
     * \return true if equal
     */
    bool operator==(const WideUint& o) const
    {
        return m_limb[0] == o.m_limb[0] && m_limb[1] == o.m_limb[1] && m_limb[2] == o.m_limb[2]
            && m_limb[3] == o.m_limb[3];
    }

    /**
     * this += o.
     * \param o the addend
     * \return false on overflow (this is then undefined)
     */
    bool Add(const WideUint& o)
    {
        WideUintDouble carry = 0;
        for (int i = 0; i < 4; ++i)
        {
            carry += WideUintDouble(m_limb[i]) + o.m_limb[i];
            m_limb[i] = uint64_t(carry);
            carry >>= 64;
        }
        return carry == 0;
    }

    /**
     * this *= k.
     * \param k the factor
     * \return false on overflow (this is then undefined)
     */
    bool Multiply(uint64_t k)
    {
        WideUintDouble carry = 0;
        for (int i = 0; i < 4; ++i)
        {
            carry += WideUintDouble(m_limb[i]) * k;
            m_limb[i] = uint64_t(carry);
            carry >>= 64;
        }
        return carry == 0;
    }

    /**
     * this /= d.
     * \param d the divisor, > 0
     * \return the remainder
     */
    uint64_t Divide(uint64_t d)
    {
        WideUintDouble rest = 0;
        for (int i = 3; i >= 0; --i)
        {
            rest = (rest << 64) | m_limb[i];
            m_limb[i] = uint64_t(rest / d);
            rest %= d;
        }
        return uint64_t(rest);
    }

    /// \return the number of significant bits (0 for zero)
    int Bits() const
    {
        for (int i = 3; i >= 0; --i)
        {
            if (m_limb[i] != 0)
            {
                return 64 * i + 64 - __builtin_clzll(m_limb[i]);
            }
        }
        return 0;
    }

    /// \return the nearest double (or close to it: the limbs are added from the top)
    double ToDouble() const
    {
        double v = 0;
        for (int i = 3; i >= 0; --i)
        {
            v = v * 18446744073709551616.0 + double(m_limb[i]);
        }
        return v;
    }

  private:
    uint64_t m_limb[4]{0, 0, 0, 0}; //!< limbs, least significant first
};

} // namespace ns3

#endif // WIDE_UINT_H
