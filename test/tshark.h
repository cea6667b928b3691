/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef WEB_PROXY_TEST_TSHARK_H
#define WEB_PROXY_TEST_TSHARK_H

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

namespace ns3
{
namespace test
{

/**
 * Run a shell command.
 * \param cmd the command line
 * \return its standard output (empty if it could not start)
 */
inline std::string
CaptureOutput(const std::string& cmd)
{
    std::string out;
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
    std::array<char, 4096> buf;
    size_t n;
    while (pipe && (n = fread(buf.data(), 1, buf.size(), pipe.get())) > 0)
    {
        out.append(buf.data(), n);
    }
    return out;
}

/**
 * tshark over one PCAP file: what a user's Wireshark makes of the bytes a test put on the
 * wire. The tests that use it check the module's packets decode as the protocol (HTTP, DNS,
 * SOCKS), which only a dissector written by others can tell.
 */
class Tshark
{
  public:
    /// \return whether tshark is on the PATH (scripts/setup.sh installs it)
    static bool Installed()
    {
        return std::system("command -v tshark > /dev/null 2>&1") == 0;
    }

    /// \param file the PCAP file to read
    explicit Tshark(std::string file)
        : m_file(std::move(file))
    {}

    /**
     * \param field a display field (frame.number, dns.qry.name, ...)
     * \param filter a display filter; quote it for the shell if it has spaces
     * \return the field of every frame the filter matches, one line per frame (stderr dropped)
     */
    std::string Fields(const std::string& field, const std::string& filter) const
    {
        return CaptureOutput("tshark -n -r " + m_file + " -T fields -e " + field + " -Y " + filter
                             + " 2>/dev/null");
    }

    /**
     * \param filter a display filter; quote it for the shell if it has spaces
     * \return how many frames the filter matches
     */
    int Count(const std::string& filter) const
    {
        const std::string lines = Fields("frame.number", filter);
        return std::count(lines.begin(), lines.end(), '\n');
    }

    /**
     * \param options tshark's options after "-r FILE" (-V, -Y FILTER, ...)
     * \return its standard output and error together
     */
    std::string Run(const std::string& options) const
    {
        return CaptureOutput("tshark -r " + m_file + " " + options + " 2>&1");
    }

  private:
    std::string m_file; //!< the PCAP file
};

} // namespace test
} // namespace ns3

#endif // WEB_PROXY_TEST_TSHARK_H
