/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef TOPOLOGY_FORMAT_ERROR_H
#define TOPOLOGY_FORMAT_ERROR_H

#include <cstdint>
#include <stdexcept>
#include <string>

namespace ns3
{

/**
 * \ingroup web-proxy
 * \brief A malformed line of a topology file, or a topology file that cannot be read at all.
 *
 * what() reads "<file>:<line>: <problem>", or "<file>: <problem>" when no line is concerned
 * (line 0: the file cannot be opened, its format cannot be told, or the problem is one of the
 * whole graph, such as a GraphML edge whose element line the XML parser does not keep).
 */
class TopologyFormatError : public std::runtime_error
{
  public:
    /**
     * \param file the file (or stream) name
     * \param line the line number, from 1; 0 for the whole file
     * \param problem what is wrong, e.g. "latency 'x' is not a number"
     */
    TopologyFormatError(const std::string& file, uint64_t line, const std::string& problem);

    /// \return the file (or stream) name
    const std::string& GetFile() const;
    /// \return the line number (from 1), or 0 when the whole file is concerned
    uint64_t GetLine() const;
    /// \return the problem alone, without file and line
    const std::string& GetProblem() const;

  private:
    std::string m_file;    //!< the file (or stream) name
    uint64_t m_line;       //!< the line number, 0: the whole file
    std::string m_problem; //!< the problem alone
};

} // namespace ns3

#endif // TOPOLOGY_FORMAT_ERROR_H
