/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef SYNTHETIC_WORKLOAD_H
#define SYNTHETIC_WORKLOAD_H

#include "object-catalogue.h"
#include "response-model.h"
#include "trace-record.h"
#include "user-behaviour.h"

#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/random-variable-stream.h"

#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * A synthetic web workload: a stream of TraceRecords from Users users to Servers origin
 * servers, with the request properties that decide cachability in [PROXIM]'s traces.
 *
 * Objects (a universe of Objects, or ObjectsPerRequest x Requests) are ranked by popularity
 * and requested with Zipf probabilities ~ rank^-ZipfTheta. Each object has stable
 * properties: content type (html, image, other), size (lognormal body and Pareto tail per
 * type, SURGE style), URL kind (static, '?', cgi-bin with '?', cgi-bin without '?'), server,
 * server Cache-Control, whether its site uses cookies, and a mean modification interval.
 * Each request draws its own: Cookie, Set-Cookie in the response, client no-cache,
 * Authorization, method, persistent connection, abort and the fraction of the body received.
 *
 * The probabilities are the per-request fractions of [PROXIM]'s table. Object properties
 * are assigned so that their request-weighted fractions are exact (see doc/models/workload.rst,
 * "popularity-balanced assignment"), because with Zipf popularity a handful of objects carry
 * percent of the requests and independent coin flips would move the fractions by about a
 * percentage point. Causes overlap as in the traces: most cgi-bin URLs have a '?'; server
 * Cache-Control and non-GET methods concentrate on dynamic URLs; the cookie probability of
 * static and dynamic URLs is solved so that the union of the causes is Uncachable.
 *
 * Users alternate sessions (PagesPerSession pages separated by ThinkTime) and SessionGap
 * off periods; a page is ObjectsPerPage requests InterRequestTime apart. With Pages (the
 * presets), a page is a base object and objects embedded in it, from the base's server or,
 * with EmbeddedOtherServerProbability, another one; they come at the page's time, marked
 * embedded, for a client to fetch once the base has arrived (doc/models/workload.rst, "Pages").
 * Records come out in non-decreasing time order. All randomness comes from ns-3 random variables;
 * with AssignStreams the trace depends only on the seed, the run and the stream.
 *
 * Duration asks for a length of trace time instead of a number of requests: the workload
 * counts the requests of that time first (a pass over the users' timing alone, which does not
 * depend on the objects) and sizes the universe for them, so one hour is one hour of the
 * calibrated steady state rather than the first hour of a universe sized for Requests.
 *
 * The attribute defaults are the "modem" preset; SetPreset("research") switches to the
 * research environment. Set attributes after SetPreset, before the first Next. The presets
 * are calibrated on traces of 1M requests (doc/models/workload.rst gives the measured figures and
 * how they move with the trace length).
 *
 * The work is shared by parts that each keep the attributes they use: ObjectCatalogue
 * (objects, popularity, sizes, servers), ResponseModel (causes of uncachability, aborts,
 * modifications) and UserBehaviour (sessions and their timing); WorkloadPresets holds the
 * presets as data. This class numbers the random streams and assembles the records.
 */
class SyntheticWorkload : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    SyntheticWorkload();
    ~SyntheticWorkload() override;

    /**
     * Create a workload set to a preset.
     * \param name "modem" or "research"
     * \return the workload
     */
    static Ptr<SyntheticWorkload> CreatePreset(const std::string& name);

    /**
     * Set every attribute to a preset calibrated to [PROXIM]'s figures: "modem" (AT&T
     * WorldNet dial-up users) or "research" (AT&T Labs-Research LAN). Unknown names are
     * fatal. Call before the first Next.
     * \param name the preset
     */
    void SetPreset(const std::string& name);

    /// \return the names SetPreset accepts
    static std::vector<std::string> GetPresetNames();

    /**
     * Turn on the response statuses the presets leave out (304s, redirects, errors, with
     * WorkloadPresets::GetResponseStatuses' shares), as a proxy's traffic has them. Call after
     * SetPreset, before the first Next.
     */
    void SetResponseStatuses();

    /**
     * Set attributes from their text, as a command line gives them
     * (--ns3::SyntheticWorkload::ZipfTheta=0.9). ns-3's CommandLine sets only an attribute's
     * default, which SetPreset overwrites: a program applies the command line's attributes
     * with this after the preset. Each text is checked before ns-3 reads it, because ns-3
     * aborts on some (a number followed by letters).
     * \param attributes (attribute name, text) pairs, set in order
     * \throws std::invalid_argument naming the first attribute that does not exist or whose
     *         text is bad, and what it accepts
     */
    void SetAttributesFromText(const std::vector<std::pair<std::string, std::string>>& attributes);

    /**
     * Produce the next request.
     * \param[out] out the record; its strings are assigned in place, so reusing one record
     *             avoids allocations
     * \return false once Requests records have been produced (never when Requests is 0)
     */
    bool Next(TraceRecord& out);

    /**
     * Assign fixed random variable streams to every random variable of the workload,
     * including those given as attributes. The streams are assigned again before the first
     * draw (first Next or GetServerRtt), so attribute variables replaced in between (e.g. by
     * SetPreset) get them too.
     * \param stream first stream index to use
     * \return the number of streams used
     */
    int64_t AssignStreams(int64_t stream);

    /// \return the number of records produced so far
    uint64_t GetGenerated() const;

    /// \return the size of the object universe (builds it if needed)
    uint64_t GetObjectCount();

    /// \return the number of origin servers (draws them if needed: with Servers 0 their
    /// number follows the universe, so Requests or Duration must be set)
    uint32_t GetServerCount();

    /**
     * \param server server index, 0 .. GetServerCount()-1
     * \return its host name, "www<index>.example.com"
     */
    static std::string GetServerName(uint32_t server);

    /**
     * \param server server index
     * \return the round-trip time to the server, drawn once per server from ServerRtt
     */
    Time GetServerRtt(uint32_t server);

    /**
     * Round-trip time by host name.
     * \param host a name from GetServerName
     * \return its RTT, or zero for a name this workload does not produce
     */
    Time GetServerRtt(const std::string& host);

    /**
     * \param object object index (its popularity rank - 1)
     * \return the probability that a request is for the object (its Zipf probability)
     */
    double GetPopularity(uint64_t object);

    /// \return the object index of the last record produced (its popularity rank - 1)
    uint64_t GetLastObject() const;

    /// Per-request probabilities the model derived from the attributes (for checks, docs).
    using Derived = ResponseModel::Derived;

    /**
     * \return the derived probabilities; fatal if the attributes are inconsistent
     *         (e.g. an Uncachable outside what the other probabilities allow)
     */
    Derived GetDerived() const;

    /// \param model the AbortReceived attribute: "Fraction" or "Bytes"
    void SetAbortReceived(std::string model);
    /// \return the AbortReceived attribute
    std::string GetAbortReceived() const;

  protected:
    /// Empties the catalogue, the response model and the users, and drops the random variables.
    void DoDispose() override;
    /// Creates the status variable, after the attribute variables.
    void NotifyConstructionCompleted() override;

  private:
    /// \param o a SyntheticWorkload \return its catalogue (locates the part's attributes)
    static ObjectCatalogue& CatalogueOf(ObjectBase& o);
    /// \param o a SyntheticWorkload \return its response model
    static ResponseModel& ResponseOf(ObjectBase& o);
    /// \param o a SyntheticWorkload \return its user behaviour
    static UserBehaviour& UsersOf(ObjectBase& o);

    /// \brief Build the servers, the objects and the users' state, once, at the first draw.
    void Build();
    /// \brief Set Requests to the number of requests in Duration (a pass over the users).
    void CountRequests();
    /// \brief Draw the servers, assigning the streams again first (see AssignStreams).
    void BuildServers();
    /// \brief Let the parts read their variables' streams and parameters.
    void BindVariables();
    /**
     * \brief Draw the object of a user's next request (Pages: a base, or an object embedded
     * in the user's page).
     * \param user the user
     * \param[out] embedded whether it is embedded in the user's page
     * \return the object index
     */
    uint64_t DrawPageObject(uint32_t user, bool& embedded);

    /// m_pageServer of a user with no page yet.
    static constexpr uint32_t NO_PAGE = std::numeric_limits<uint32_t>::max();
    /// Draws of an embedded object before one already in the page is taken.
    static constexpr int MAX_PAGE_DRAWS = 8;
    /// Objects of a page remembered for that (the pages' bound is 100; the rest may repeat).
    static constexpr size_t MAX_PAGE_MEMORY = 32;

    uint64_t m_requests; //!< records to produce (0: unlimited)
    Time m_duration;     //!< trace time to produce (0: Requests decides)

    // Internal random variables, created before the attribute ones: ns-3 numbers the streams
    // of variables without AssignStreams in the order they are created.
    Ptr<UniformRandomVariable> m_universeRng;   //!< object and server properties
    Ptr<UniformRandomVariable> m_popularityRng; //!< object choice
    Ptr<UniformRandomVariable> m_requestRng;    //!< per-request properties
    Ptr<ExponentialRandomVariable> m_changeRng; //!< modification times (mean 1)
    Ptr<UniformRandomVariable> m_statusRng;     //!< response statuses

    // The parts (they hold the other attributes, as their Parameters).
    ObjectCatalogue m_catalogue; //!< objects, popularity, sizes, servers
    ResponseModel m_response;    //!< causes of uncachability, aborts, modifications
    UserBehaviour m_users;       //!< sessions and their timing

    // State.
    bool m_built{false};                //!< universe built
    bool m_counted{false};              //!< CountRequests has run
    int64_t m_stream{-1};               //!< first stream (AssignStreams), -1: none
    uint64_t m_generated{0};            //!< records produced
    uint64_t m_lastObject{0};           //!< object of the last record
    std::vector<uint32_t> m_pageServer; //!< Pages: per user, the server of its page's base
    std::vector<std::vector<uint64_t>> m_pageObjects; //!< Pages: per user, its page's objects
    /// NotModifiedRule FetchedBefore: per object, 1 + the version last received whole by a
    /// GET (0: none yet); allocated at the first record that needs it.
    std::vector<uint32_t> m_fetchedVersion;
};

} // namespace ns3

#endif // SYNTHETIC_WORKLOAD_H
