/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "topology-format-error.h"

namespace ns3
{

namespace
{

/// \param file a file name \param line a line number, 0: none \return "file:line" or "file"
std::string
Where(const std::string& file, uint64_t line)
{
    return line == 0 ? file : file + ":" + std::to_string(line);
}

} // namespace

TopologyFormatError::TopologyFormatError(const std::string& file,
                                         uint64_t line,
                                         const std::string& problem)
    : std::runtime_error(Where(file, line) + ": " + problem)
    , m_file(file)
    , m_line(line)
    , m_problem(problem)
{}

const std::string&
TopologyFormatError::GetFile() const
{
    return m_file;
}

uint64_t
TopologyFormatError::GetLine() const
{
    return m_line;
}

const std::string&
TopologyFormatError::GetProblem() const
{
    return m_problem;
}

} // namespace ns3
