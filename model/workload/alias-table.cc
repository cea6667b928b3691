/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "alias-table.h"

namespace ns3
{

AliasTable::AliasTable(const std::vector<double>& weights)
{
    const size_t n = weights.size();
    double total = 0;
    for (double x : weights)
    {
        total += x;
    }
    m_column.resize(n);
    std::vector<uint32_t> small;
    std::vector<uint32_t> large;
    std::vector<double> scaled(n);
    for (size_t i = 0; i < n; ++i)
    {
        scaled[i] = weights[i] / total * double(n);
        m_column[i] = {1.0f, uint32_t(i)};
        (scaled[i] < 1 ? small : large).push_back(uint32_t(i));
    }
    while (!small.empty() && !large.empty())
    {
        const uint32_t s = small.back();
        small.pop_back();
        const uint32_t l = large.back();
        m_column[s] = {float(scaled[s]), l};
        scaled[l] -= 1 - scaled[s];
        if (scaled[l] < 1)
        {
            large.pop_back();
            small.push_back(l);
        }
    }
    // Leftovers are 1 up to rounding.
}

} // namespace ns3
