/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef SYNTHETIC_WORKLOAD_H
#define SYNTHETIC_WORKLOAD_H

#include "trace-record.h"

#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/random-variable-stream.h"

#include <array>
#include <cstdint>
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
 * off periods; a page is ObjectsPerPage requests InterRequestTime apart. Records come out in
 * non-decreasing time order. All randomness comes from ns-3 random variables; with
 * AssignStreams the trace depends only on the seed, the run and the stream.
 *
 * The attribute defaults are the "modem" preset; SetPreset("research") switches to the
 * research environment. Set attributes after SetPreset, before the first Next. The presets
 * are calibrated on traces of 1M requests (doc/models/workload.rst gives the measured figures and
 * how they move with the trace length).
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

    /// Content types of the objects.
    enum ContentType : uint8_t
    {
        HTML = 0,  //!< text/html
        IMAGE = 1, //!< image/gif
        OTHER = 2, //!< application/octet-stream
    };

    /// URL kinds.
    enum UrlKind : uint8_t
    {
        STATIC = 0,    //!< "/o<id>.html" and the like: no cause of uncachability
        QUERY = 1,     //!< "/o<id>?q=1"
        CGI_QUERY = 2, //!< "/cgi-bin/o<id>?q=1"
        CGI = 3,       //!< "/cgi-bin/o<id>.pl"
    };

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

    /// \return the number of origin servers
    uint32_t GetServerCount() const;

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
    struct Derived
    {
        double dynamicShare{0};         //!< requests to '?' or cgi-bin URLs
        double cookieStatic{0};         //!< P(Cookie | static URL)
        double cookieDynamic{0};        //!< P(Cookie | dynamic URL)
        double cookieSiteStatic{0};     //!< request share of cookie sites among static URLs
        double cookieSiteDynamic{0};    //!< request share of cookie sites among dynamic URLs
        double serverNoCacheStatic{0};  //!< P(server Cache-Control | static URL)
        double serverNoCacheDynamic{0}; //!< P(server Cache-Control | dynamic URL)
        double otherMethodStatic{0};    //!< P(not GET/HEAD | static URL)
        double otherMethodDynamic{0};   //!< P(not GET/HEAD | dynamic URL)
        double uncachable{0};           //!< expected union of the causes
        double uncachableNoCookie{0};   //!< expected union of the causes other than Cookie
    };

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
    void DoDispose() override;

  private:
    /// Size distribution of one content type.
    struct SizeModel
    {
        double median{0};       //!< lognormal body median, bytes
        double sigma{0};        //!< lognormal body sigma (of ln size)
        double tailFraction{0}; //!< share of objects in the Pareto tail
        double tailScale{0};    //!< Pareto scale (smallest tail size), bytes
        double tailShape{0};    //!< Pareto shape alpha
    };

    /// One object of the universe (32 bytes: the universe is read at random, by cache line).
    struct Obj
    {
        double nextChange; //!< next modification, seconds (infinity: never)
        uint32_t size;     //!< body bytes
        uint32_t server;   //!< server index
        uint32_t version;  //!< modifications so far
        float changeMean;  //!< mean time between modifications, seconds (<0: not drawn yet)
        float abortProb;   //!< probability that a request is aborted
        uint8_t kind;      //!< UrlKind
        uint8_t type;      //!< ContentType
        uint8_t flags;     //!< FLAG_* bits
    };

    static constexpr uint8_t FLAG_SERVER_NO_CACHE = 1; //!< response Cache-Control: no-cache
    static constexpr uint8_t FLAG_COOKIE_SITE = 2;     //!< the object's site uses cookies

    /// A user's browsing state.
    struct User
    {
        uint32_t pageLeft{0};    //!< requests left in the current page
        uint32_t sessionLeft{0}; //!< pages left in the current session
    };

    /**
     * An attribute's random variable, drawn without ns-3's virtual GetValue chain (two
     * virtual calls and four logging checks per number) when its exact type is Uniform,
     * Exponential, Pareto or LogNormal: the same transformation as ns-3.37's GetValue of the
     * same stream's uniforms, so the same numbers. The parameters and the stream are read
     * by Bind (at the first draw of the workload, when the attributes are final, and again by
     * AssignStreams); other types are drawn through GetValue.
     */
    class FastVariable
    {
      public:
        /// \param v the variable (kept alive)
        void Bind(Ptr<RandomVariableStream> v);
        /// \return the variable's next value
        double Get();

      private:
        /// The replicated types.
        enum Kind : uint8_t
        {
            GENERIC,     //!< anything else: GetValue
            UNIFORM,     //!< m_a min, m_b max
            EXPONENTIAL, //!< m_a mean, m_b bound
            PARETO,      //!< m_a scale, m_b shape, m_c bound
            LOGNORMAL,   //!< m_a mu, m_b sigma
        };

        /// \return the stream's next uniform in [0, 1)
        double U01() const;

        Ptr<RandomVariableStream> m_var; //!< the variable
        RngStream* m_rng{nullptr};       //!< its stream
        Kind m_kind{GENERIC};            //!< its type
        bool m_antithetic{false};        //!< its Antithetic attribute
        double m_a{0};                   //!< first parameter
        double m_b{0};                   //!< second parameter
        double m_c{0};                   //!< third parameter
    };

    void Build();
    void BindVariables();
    void BuildServers();
    void BuildObjects();

    uint64_t DrawObject();
    double ScheduleUser(uint32_t user, double now);
    uint32_t DrawSize(uint8_t type, double u) const;
    void SiftDown(std::pair<double, uint32_t> top);
    void ApplyModifications(Obj& o, double now);

    // Attributes.
    uint64_t m_requests;                         //!< records to produce (0: unlimited)
    uint64_t m_objects;                          //!< object universe (0: per request)
    double m_objectsPerRequest;                  //!< universe / Requests when Objects is 0
    double m_theta;                              //!< Zipf exponent of object popularity
    uint32_t m_users;                            //!< number of users (clients)
    uint32_t m_servers;                          //!< number of origin servers
    double m_serverTheta;                        //!< Zipf exponent of server sizes
    double m_cookieServerFraction;               //!< share of servers that set cookies
    double m_htmlFraction;                       //!< request share of html objects
    double m_imageFraction;                      //!< request share of images
    double m_htmlMedian;                         //!< html body median, bytes
    double m_htmlSigma;                          //!< html body sigma
    double m_htmlTailFraction;                   //!< html tail share
    double m_htmlTailScale;                      //!< html tail scale, bytes
    double m_htmlTailShape;                      //!< html tail shape
    double m_imageMedian;                        //!< image body median, bytes
    double m_imageSigma;                         //!< image body sigma
    double m_imageTailFraction;                  //!< image tail share
    double m_imageTailScale;                     //!< image tail scale, bytes
    double m_imageTailShape;                     //!< image tail shape
    double m_otherMedian;                        //!< other body median, bytes
    double m_otherSigma;                         //!< other body sigma
    double m_otherTailFraction;                  //!< other tail share
    double m_otherTailScale;                     //!< other tail scale, bytes
    double m_otherTailShape;                     //!< other tail shape
    std::array<SizeModel, 3> m_size;             //!< size models by ContentType (from the above)
    uint32_t m_maxSize;                          //!< largest object, bytes
    double m_sizeCorrelation;                    //!< Gaussian-copula correlation of size and rank
    double m_pCookie;                            //!< P(Cookie)
    double m_pQuery;                             //!< P(URL has '?')
    double m_pCgi;                               //!< P(URL has "cgi-bin")
    double m_cgiQueryFraction;                   //!< P('?' | cgi-bin)
    double m_pClientNoCache;                     //!< P(client Cache-Control/Pragma no-cache)
    double m_pServerNoCache;                     //!< P(server Cache-Control)
    double m_serverNoCacheDynamicShare;          //!< share of those on dynamic URLs
    double m_pOtherMethod;                       //!< P(method not GET/HEAD)
    double m_otherMethodDynamicShare;            //!< share of those on dynamic URLs
    double m_pAuthorization;                     //!< P(Authorization)
    double m_uncachable;                         //!< target union of the causes (0: no solve)
    double m_cookieSiteProbability;              //!< P(Cookie | request to a cookie site)
    double m_cookiePopularityBias;               //!< tilt of cookie sites toward popular objects
    double m_pSetCookie;                         //!< P(Set-Cookie | cookie site, no Cookie sent)
    double m_pPersistent;                        //!< P(persistent connection)
    double m_pAbort;                             //!< mean P(abort) over requests
    double m_abortSizeExponent;                  //!< P(abort) ~ size^exponent
    bool m_abortInBytes{false};                  //!< AbortReceived: Bytes (else Fraction)
    Ptr<RandomVariableStream> m_abortFraction;   //!< fraction of the body received
    Ptr<RandomVariableStream> m_abortBytes;      //!< bytes received, whatever the size
    Ptr<RandomVariableStream> m_changeInterval;  //!< per-object mean modification interval
    Ptr<RandomVariableStream> m_objectsPerPage;  //!< requests per page
    Ptr<RandomVariableStream> m_interRequest;    //!< gap between requests of a page, s
    Ptr<RandomVariableStream> m_think;           //!< gap between pages of a session, s
    Ptr<RandomVariableStream> m_pagesPerSession; //!< pages per session
    Time m_warmUp;                               //!< users' timing runs this long before 0
    Ptr<RandomVariableStream> m_sessionGap;      //!< gap between sessions, s
    Ptr<RandomVariableStream> m_serverRtt;       //!< per-server RTT, s

    // Internal random variables.
    Ptr<UniformRandomVariable> m_universeRng;   //!< object and server properties
    Ptr<UniformRandomVariable> m_popularityRng; //!< object choice
    Ptr<UniformRandomVariable> m_requestRng;    //!< per-request properties
    Ptr<ExponentialRandomVariable> m_changeRng; //!< modification times (mean 1)

    // The variables drawn per request, bound at Build.
    FastVariable m_fastAbortReceived;   //!< m_abortBytes or m_abortFraction
    FastVariable m_fastChangeInterval;  //!< m_changeInterval
    FastVariable m_fastObjectsPerPage;  //!< m_objectsPerPage
    FastVariable m_fastInterRequest;    //!< m_interRequest
    FastVariable m_fastThink;           //!< m_think
    FastVariable m_fastPagesPerSession; //!< m_pagesPerSession
    FastVariable m_fastSessionGap;      //!< m_sessionGap
    FastVariable m_fastChange;          //!< m_changeRng
    FastVariable m_fastPopularity;      //!< m_popularityRng
    FastVariable m_fastRequest;         //!< m_requestRng

    // State.
    bool m_built{false};    //!< universe built
    int64_t m_stream{-1};   //!< first stream (AssignStreams), -1: none
    Derived m_derived;      //!< derived probabilities
    std::vector<Obj> m_obj; //!< the universe, by rank
    /// A column of the alias table.
    struct Alias
    {
        float keep;     //!< probability of keeping the column's own object
        uint32_t other; //!< the object otherwise
    };

    /**
     * \param weights relative weights
     * \return Vose's alias table of the distribution
     */
    static std::vector<Alias> MakeAlias(const std::vector<double>& weights);

    std::vector<Alias> m_alias; //!< alias table of object popularity
    // Seconds, not Time: until the first Simulator::Run ns-3 records every live Time in a
    // std::set, which each Time a record gets then has to search.
    std::vector<double> m_rtt;                       //!< per-server RTT, s
    std::vector<uint8_t> m_cookieServer;             //!< per-server: sets cookies
    std::vector<User> m_user;                        //!< per-user state
    std::vector<std::pair<double, uint32_t>> m_heap; //!< (next request time, user), min-heap
    uint64_t m_generated{0};                         //!< records produced
    uint64_t m_nextObject{0};                        //!< object of the next request
    double m_nextColumn{0};                          //!< alias draw of the one after
    uint64_t m_lastObject{0};                        //!< object of the last record
    double m_normalizer{0};                          //!< H_M(theta)
};

} // namespace ns3

#endif // SYNTHETIC_WORKLOAD_H
