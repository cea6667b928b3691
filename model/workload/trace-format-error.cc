/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "trace-format-error.h"

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

TraceFormatError::TraceFormatError(const std::string& file,
                                   uint64_t line,
                                   const std::string& problem)
    : std::runtime_error(Where(file, line) + ": " + problem)
    , m_file(file)
    , m_line(line)
    , m_problem(problem)
{}

const std::string&
TraceFormatError::GetFile() const
{
    return m_file;
}

uint64_t
TraceFormatError::GetLine() const
{
    return m_line;
}

const std::string&
TraceFormatError::GetProblem() const
{
    return m_problem;
}

} // namespace ns3
