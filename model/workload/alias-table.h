/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ALIAS_TABLE_H
#define ALIAS_TABLE_H

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * \brief Vose's alias table of a discrete distribution: one uniform and one comparison per
 * draw, whatever the number of outcomes.
 *
 * A draw takes x = u * GetSize() for a uniform u: the integer part of x picks a column, the
 * fraction decides between the column's own outcome and its alias.
 */
class AliasTable
{
  public:
    /// One column of the table.
    struct Column
    {
        float keep;     //!< probability of keeping the column's own outcome
        uint32_t other; //!< the outcome otherwise
    };

    /// \brief An empty table, to be replaced by a built one.
    AliasTable() = default;

    /**
     * \brief Build the table of a distribution.
     * \param weights relative weights of the outcomes 0 .. weights.size()-1
     */
    explicit AliasTable(const std::vector<double>& weights);

    /// \return the number of outcomes
    size_t GetSize() const
    {
        return m_column.size();
    }

    /**
     * \brief The column a draw falls in.
     * \param x a uniform draw times GetSize()
     * \return the column index
     */
    size_t GetColumn(double x) const
    {
        return std::min<size_t>(size_t(x), m_column.size() - 1);
    }

    /**
     * \param i a column index
     * \return the column (its address serves for prefetching)
     */
    const Column& operator[](size_t i) const
    {
        return m_column[i];
    }

    /**
     * \brief Draw an outcome.
     * \param x a uniform draw times GetSize()
     * \return the outcome
     */
    uint32_t Pick(double x) const
    {
        const size_t at = GetColumn(x);
        const Column& c = m_column[at];
        return x - double(at) < double(c.keep) ? uint32_t(at) : c.other;
    }

  private:
    std::vector<Column> m_column; //!< the columns, one per outcome
};

} // namespace ns3

#endif // ALIAS_TABLE_H
