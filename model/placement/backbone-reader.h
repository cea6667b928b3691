/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef BACKBONE_READER_H
#define BACKBONE_READER_H

#include "backbone-graph.h"
#include "topology-format-error.h"

#include <istream>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * Reads a backbone topology file into a BackboneGraph. One subclass per format:
 * GraphmlBackboneReader (Internet Topology Zoo), RocketfuelBackboneReader (latencies and
 * weights), RocketfuelMapBackboneReader (.cch router maps),
 * InetBackboneReader, OrbisBackboneReader (ns-3's topology-read formats) and
 * EdgeListBackboneReader (the module's own format).
 *
 * Every problem of the file is a TopologyFormatError naming the file, the line (when the
 * format keeps one) and the problem; nothing malformed is silently dropped. Fallbacks that
 * keep a usable graph (a link without a computable latency, a parallel or self link) are
 * described in BackboneGraph::GetWarnings().
 */
class BackboneReader
{
  public:
    virtual ~BackboneReader();

    /// \return the format's name ("graphml", "rocketfuel", "cch", "inet", "orbis", "edgelist")
    virtual std::string GetFormatName() const = 0;

    /**
     * Read a topology from a stream.
     * \param in the stream
     * \param name its name in error messages and the graph's name
     * \return the graph
     * \throws TopologyFormatError for any problem of the contents
     */
    virtual BackboneGraph Read(std::istream& in, const std::string& name) const = 0;

    /**
     * Read a topology file.
     * \param path the file
     * \return the graph, named after path
     * \throws TopologyFormatError when the file cannot be opened or is malformed
     */
    virtual BackboneGraph ReadFile(const std::string& path) const;

    /**
     * \param format one of GetFormatNames()
     * \return a reader of that format
     * \throws std::invalid_argument naming the format and the valid ones
     */
    static std::unique_ptr<BackboneReader> Create(const std::string& format);

    /// \return the format names Create accepts ("auto" is for Load)
    static std::vector<std::string> GetFormatNames();

    /**
     * Tell a file's format from its contents: a directory is a Rocketfuel map
     * (latencies.intra); a first non-blank character '<' is GraphML; a first word "node" or
     * "edge" is the edge-list format; a first line that begins with an integer and a field
     * starting with '@' or '=' is a Rocketfuel .cch map; a first line of two integers followed by a
     * line of three fields is Inet; lines of three fields whose third is a number are a Rocketfuel
     * latencies or weights file; lines of two fields are Orbis.
     * \param path the file or directory
     * \return the format name
     * \throws TopologyFormatError when the file cannot be opened or the format told
     */
    static std::string DetectFormat(const std::string& path);

    /**
     * Read a topology in a given or detected format.
     * \param path the file (or a Rocketfuel directory)
     * \param format a format name, or "auto" (DetectFormat)
     * \return the graph
     * \throws TopologyFormatError for an unreadable or malformed file or an unknown format
     */
    static BackboneGraph Load(const std::string& path, const std::string& format = "auto");

  protected:
    /**
     * The next line that is neither blank (white space only) nor a '#' comment, without its
     * line ending.
     * \param in the stream
     * \param line receives the line
     * \param lineNo the current line number, advanced past the line returned
     * \return false at the end of the stream
     */
    static bool NextLine(std::istream& in, std::string& line, uint64_t& lineNo);

    /**
     * \param line a line
     * \return its whitespace-separated fields
     */
    static std::vector<std::string> Split(const std::string& line);

    /**
     * Parse a finite number.
     * \param text the field
     * \param what what it is, for the message ("latency")
     * \param file file name \param line line number (0: none)
     * \return the number
     * \throws TopologyFormatError "<what> '<text>' is not a number"
     */
    static double Number(const std::string& text,
                         const std::string& what,
                         const std::string& file,
                         uint64_t line);
};

} // namespace ns3

#endif // BACKBONE_READER_H
