/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Fuzz target: the backbone topology readers of model/placement. The first input byte picks
 * the reader (modulo 8): 0 GraphML, 1 edge list, 2 Rocketfuel latencies, 3 Rocketfuel
 * weights, 4 Inet, 5 Orbis (each reading the rest of the input as a stream), 6 the rest
 * written to a file and loaded with format detection (BackboneReader::Load "auto"), 7 a
 * Rocketfuel directory: the rest up to the first NUL byte is latencies.intra, the bytes after
 * it weights.intra (absent without a NUL).
 *
 * Invariants: a reader either throws a TopologyFormatError that names the input and a line
 * within it (0: the whole file) with a non-empty problem, or returns a graph whose node names
 * are unique, non-empty and indexed (FindNode), whose positions are both unknown or in range,
 * whose demands, latencies and weights are finite and >= 0, and whose links join two
 * different nodes in range, at most one link per pair (BackboneGraph merges parallel links
 * and skips self links, with a warning); link and component counts agree with the Boost
 * graph, and the largest component is connected and keeps these invariants. Any other
 * exception, a crash, a hang or a sanitizer report is a failure.
 */
#include "fuzz-check.h"

#include "ns3/backbone-reader.h"
#include "ns3/edge-list-backbone-reader.h"
#include "ns3/graphml-backbone-reader.h"
#include "ns3/inet-backbone-reader.h"
#include "ns3/orbis-backbone-reader.h"
#include "ns3/rocketfuel-backbone-reader.h"

#include <sys/stat.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <unistd.h>
#include <utility>

using namespace ns3;

namespace
{

/// \return a directory of this process for the file modes (created once)
const std::string&
WorkDir()
{
    static const std::string dir = []
    {
        char name[] = "/tmp/fuzz-topology-XXXXXX";
        const char* d = mkdtemp(name);
        FUZZ_CHECK(d != nullptr, "cannot create a temporary directory");
        return std::string(d);
    }();
    return dir;
}

/// Write text to path (replacing it).
void
Write(const std::string& path, const std::string& text)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    FUZZ_CHECK(out.good(), "cannot write " + path);
}

/// \return the number of lines of text (a last line without a newline counts)
uint64_t
Lines(const std::string& text)
{
    return std::count(text.begin(), text.end(), '\n') + 1;
}

/// Check the invariants of a graph (and of its largest component when `largest`).
void
CheckGraph(const BackboneGraph& g, bool largest)
{
    const uint32_t n = g.GetNodeCount();
    std::set<std::string> names;
    for (uint32_t i = 0; i < n; ++i)
    {
        const BackboneNode& v = g.GetNode(i);
        FUZZ_CHECK(!v.name.empty(), "empty node name");
        FUZZ_CHECK(names.insert(v.name).second, "duplicate node name '" + v.name + "'");
        FUZZ_CHECK(g.FindNode(v.name) == int64_t(i), "node '" + v.name + "' not indexed");
        FUZZ_CHECK(std::isnan(v.latitude) == std::isnan(v.longitude),
                   "node '" + v.name + "' has half a position");
        FUZZ_CHECK(!v.HasPosition()
                       || (std::fabs(v.latitude) <= 90 && std::fabs(v.longitude) <= 180),
                   "node '" + v.name + "' position out of range");
        FUZZ_CHECK(std::isfinite(v.demand) && v.demand >= 0, "node '" + v.name + "' demand");
    }
    const auto links = g.GetLinks();
    FUZZ_CHECK(links.size() == g.GetLinkCount(), "GetLinks and GetLinkCount differ");
    std::set<std::pair<uint32_t, uint32_t>> pairs;
    for (const auto& l : links)
    {
        FUZZ_CHECK(l.a < l.b && l.b < n, "link ends out of range or a self link");
        FUZZ_CHECK(pairs.emplace(l.a, l.b).second, "parallel links kept");
        FUZZ_CHECK(std::isfinite(l.link.latencyMs) && l.link.latencyMs >= 0, "link latency");
        FUZZ_CHECK(std::isfinite(l.link.weight) && l.link.weight >= 0, "link weight");
    }
    std::vector<uint32_t> component;
    const uint32_t c = g.CountComponents(&component);
    FUZZ_CHECK(n == 0 ? c == 0 : (c >= 1 && c <= n), "component count");
    FUZZ_CHECK(component.size() == n, "component vector size");
    for (const auto& l : links)
    {
        FUZZ_CHECK(component[l.a] == component[l.b], "a link across components");
    }
    // Enough components must be joined: n nodes in c components need at least n - c links.
    FUZZ_CHECK(n == 0 || links.size() >= n - c, "too few links for the component count");
    if (largest && n > 0)
    {
        const BackboneGraph big = g.LargestComponent();
        FUZZ_CHECK(big.GetNodeCount() >= 1 && big.GetNodeCount() <= n, "largest component size");
        FUZZ_CHECK(big.CountComponents() == 1, "largest component not connected");
        std::vector<uint32_t> size(c, 0);
        for (uint32_t x : component)
        {
            ++size[x];
        }
        FUZZ_CHECK(big.GetNodeCount() == *std::max_element(size.begin(), size.end()),
                   "largest component is not the largest");
        CheckGraph(big, false);
    }
}

/// Check a named error raised for an input called `file` of `lines` lines.
void
CheckError(const TopologyFormatError& e, const std::string& file, uint64_t lines)
{
    FUZZ_CHECK(!e.GetProblem().empty(), "an error without a problem");
    FUZZ_CHECK(e.GetFile().find(file) != std::string::npos,
               "the error names '" + e.GetFile() + "', not the input '" + file + "'");
    FUZZ_CHECK(e.GetLine() <= lines,
               std::string("line out of range: ") + e.what() + " (input has "
                   + std::to_string(lines) + " lines)");
    // what() is a C string: a NUL byte of the input quoted in the problem ends it.
    const std::string problem = e.GetProblem().substr(0, e.GetProblem().find('\0'));
    FUZZ_CHECK(std::string(e.what()).find(problem) != std::string::npos,
               "what() lacks the problem");
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0)
    {
        return 0;
    }
    const unsigned mode = data[0] % 8;
    const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
    std::string file = "fuzz-input";
    uint64_t lines = Lines(text);
    try
    {
        BackboneGraph g;
        if (mode <= 5)
        {
            std::istringstream in(text);
            switch (mode)
            {
            case 0:
                g = GraphmlBackboneReader().Read(in, file);
                break;
            case 1:
                g = EdgeListBackboneReader().Read(in, file);
                break;
            case 2:
                g = RocketfuelBackboneReader(false).Read(in, file);
                break;
            case 3:
                g = RocketfuelBackboneReader(true).Read(in, file);
                break;
            case 4:
                g = InetBackboneReader().Read(in, file);
                break;
            default:
                g = OrbisBackboneReader().Read(in, file);
                break;
            }
        }
        else if (mode == 6)
        {
            file = WorkDir() + "/topology";
            Write(file, text);
            g = BackboneReader::Load(file, "auto");
        }
        else
        {
            file = WorkDir() + "/rocketfuel";
            static const bool made = (mkdir(file.c_str(), 0700), true);
            (void)made;
            const size_t nul = text.find('\0');
            const std::string latencies = text.substr(0, nul);
            Write(file + "/latencies.intra", latencies);
            if (nul == std::string::npos)
            {
                unlink((file + "/weights.intra").c_str());
            }
            else
            {
                const std::string weights = text.substr(nul + 1);
                Write(file + "/weights.intra", weights);
                lines = std::max(Lines(latencies), Lines(weights));
            }
            g = RocketfuelBackboneReader().ReadFile(file);
        }
        CheckGraph(g, true);
    }
    catch (const TopologyFormatError& e)
    {
        CheckError(e, file, lines);
    }
    return 0;
}
