/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef OBJECT_CATALOGUE_H
#define OBJECT_CATALOGUE_H

#include "alias-table.h"
#include "catalogue-entry.h"
#include "part-attribute-accessor.h"
#include "response-model.h"

#include "ns3/fast-random-variable.h"
#include "ns3/ptr.h"
#include "ns3/random-variable-stream.h"
#include "ns3/type-id.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

struct TraceRecord;

/**
 * \ingroup web-proxy
 * \brief The object universe of a synthetic workload: objects ranked by Zipf popularity,
 * with their stable properties, and the origin servers that hold them.
 *
 * Each object gets a URL kind and a content type (dynamic URLs are html), a size (lognormal
 * body and Pareto tail per type, SURGE style, optionally correlated with the rank through a
 * Gaussian copula), a server Cache-Control flag, and a server drawn by Zipf size from the
 * cookie-site pool or the other one. Categorical properties are assigned with a
 * PopularityBalancer so that their request-weighted shares are exact.
 */
class ObjectCatalogue
{
  public:
    /// What the catalogue is built from: SyntheticWorkload's attributes of the same names.
    struct Parameters
    {
        uint64_t objects{0};                 //!< Objects
        double objectsPerRequest{0};         //!< ObjectsPerRequest
        double theta{0};                     //!< ZipfTheta
        uint32_t servers{0};                 //!< Servers (0: from ObjectsPerServer)
        double objectsPerServer{0};          //!< ObjectsPerServer
        double serverTheta{0};               //!< ServerZipfTheta
        double cookieServerFraction{0};      //!< CookieServerFraction
        double cookiePopularityBias{0};      //!< CookiePopularityBias
        Ptr<RandomVariableStream> serverRtt; //!< ServerRtt, seconds
        double htmlFraction{0};              //!< HtmlFraction
        double imageFraction{0};             //!< ImageFraction
        double htmlMedian{0};                //!< HtmlSizeMedian, bytes
        double htmlSigma{0};                 //!< HtmlSizeSigma
        double htmlTailFraction{0};          //!< HtmlTailFraction
        double htmlTailScale{0};             //!< HtmlTailScale, bytes
        double htmlTailShape{0};             //!< HtmlTailShape
        double imageMedian{0};               //!< ImageSizeMedian, bytes
        double imageSigma{0};                //!< ImageSizeSigma
        double imageTailFraction{0};         //!< ImageTailFraction
        double imageTailScale{0};            //!< ImageTailScale, bytes
        double imageTailShape{0};            //!< ImageTailShape
        double otherMedian{0};               //!< OtherSizeMedian, bytes
        double otherSigma{0};                //!< OtherSizeSigma
        double otherTailFraction{0};         //!< OtherTailFraction
        double otherTailScale{0};            //!< OtherTailScale, bytes
        double otherTailShape{0};            //!< OtherTailShape
        uint32_t maxSize{0};                 //!< MaxObjectSize, bytes
        double sizeCorrelation{0};           //!< SizePopularityCorrelation
    };

    /**
     * \brief Add the parameters as attributes of the object that holds this part.
     * \param tid the holder's TypeId
     * \param locate finds this part in a holder
     * \return tid
     */
    static TypeId AddAttributes(TypeId tid, PartLocator<ObjectCatalogue> locate);

    /**
     * \brief Construct with the variables to draw from (owned by the caller, which numbers
     * their streams).
     * \param universe uniform in [0,1): object and server properties
     * \param popularity uniform in [0,1): object choice
     */
    ObjectCatalogue(Ptr<UniformRandomVariable> universe, Ptr<UniformRandomVariable> popularity);

    /// \return the parameters, to set before BuildServers
    Parameters& GetParameters();
    /// \return the parameters
    const Parameters& GetParameters() const;

    /// \return whether BuildServers has run
    bool HasServers() const;

    /**
     * \brief The number of objects of the universe.
     * \param requests the trace length, for a universe of ObjectsPerRequest x requests
     * \return Objects, else ObjectsPerRequest x requests (fatal when that is 0)
     */
    uint64_t GetUniverseSize(uint64_t requests) const;

    /**
     * \brief Draw each server's RTT and whether it is a cookie site; the first draws of the
     * universe variable.
     * \param requests the trace length, for the number of servers when Servers is 0
     */
    void BuildServers(uint64_t requests);

    /// \brief Read the popularity variable's stream and parameters (again after SetStream).
    void Bind();

    /**
     * \brief Build the objects, after BuildServers and Bind.
     * \param requests the trace length, for a universe of ObjectsPerRequest x requests
     * \param kindShare request share of each CatalogueEntry::UrlKind
     * \param d the per-request probabilities derived by the response model
     * \return the request weight (popularity) of each object, for the properties assigned
     *         by request weight elsewhere
     */
    std::vector<double> BuildObjects(uint64_t requests,
                                     const std::array<double, 4>& kindShare,
                                     const ResponseModel::Derived& d);

    /**
     * \brief Draw the object of the next request.
     * \return its index (its popularity rank - 1)
     */
    uint64_t DrawObject();

    /**
     * \brief Index the objects by server, for DrawOnServer; after BuildObjects.
     */
    void BuildServerIndex();

    /**
     * \brief Draw an object of one server with probability proportional to its popularity:
     * the conditional of DrawObject given the server, so that choosing the server by a
     * DrawObject and then objects with this keeps each object's share of the requests.
     * \param server a server that holds at least one object (the server of an object)
     * \param u a uniform in [0,1)
     * \return the object index
     */
    uint64_t DrawOnServer(uint32_t server, double u) const;

    /// \return the number of objects (0 before BuildObjects)
    uint64_t GetObjectCount() const;

    /**
     * \param object an object index
     * \return the object
     */
    CatalogueEntry& GetEntry(uint64_t object);

    /**
     * \param object an object index
     * \return the probability that a request is for the object (its Zipf probability)
     */
    double GetPopularity(uint64_t object) const;

    /// \return the number of servers BuildServers drew (0 before)
    uint32_t GetServerCount() const;

    /**
     * \param server a server index
     * \return its round-trip time, seconds (fatal for an unknown server)
     */
    double GetServerRtt(uint32_t server) const;

    /**
     * \brief Parse a host name of the form "www<index>.example.com".
     * \param host a host name
     * \param[out] server its index
     * \return false for a name this catalogue does not produce
     */
    bool FindServer(const std::string& host, uint32_t& server) const;

    /**
     * \brief Write an object's server, path and content type into a record.
     * \param object an object index
     * \param[out] out the record; its strings are assigned in place
     */
    void WriteNames(uint64_t object, TraceRecord& out) const;

    /// \brief Release the universe and the variables.
    void Clear();

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

    /**
     * \param type a CatalogueEntry::ContentType
     * \param u a uniform in [0,1): the size's quantile
     * \return the size, bytes
     */
    uint32_t DrawSize(uint8_t type, double u) const;

    Parameters m_params;                        //!< the parameters
    Ptr<UniformRandomVariable> m_universeRng;   //!< object and server properties
    Ptr<UniformRandomVariable> m_popularityRng; //!< object choice
    FastRandomVariable m_fastPopularity;        //!< m_popularityRng
    std::array<SizeModel, 3> m_size;            //!< size models by ContentType
    std::vector<CatalogueEntry> m_obj;          //!< the universe, by rank
    AliasTable m_alias;                         //!< object popularity
    // Seconds, not Time: until the first Simulator::Run ns-3 records every live Time in a
    // std::set, which each Time a record gets then has to search.
    std::vector<double> m_rtt;              //!< per-server RTT, s
    std::vector<uint8_t> m_cookieServer;    //!< per-server: sets cookies
    uint64_t m_nextObject{0};               //!< object of the next request
    double m_nextColumn{0};                 //!< alias draw of the one after
    double m_normalizer{0};                 //!< H_M(theta)
    std::vector<uint64_t> m_serverFirst;    //!< per server: its first entry in m_serverObjects
    std::vector<uint64_t> m_serverObjects;  //!< objects grouped by server, by rank
    std::vector<double> m_serverCumulative; //!< per entry: rank^-theta summed within its server
};

// Inline: called once per generated record, from the workload's translation unit.
inline uint64_t
ObjectCatalogue::DrawObject()
{
    // One uniform per request: its integer part picks the alias column, its fraction the
    // side; the fraction keeps 32 - log2(Objects) bits, plenty for the keep probabilities.
    // The table and the universe are far larger than the caches, so the draws run two
    // requests ahead and prefetch: the column for the request after next, the object for
    // the next one. The sequence of objects is the same as without the pipeline.
    const uint64_t id = m_nextObject;
    m_nextObject = m_alias.Pick(m_nextColumn);
    __builtin_prefetch(&m_obj[m_nextObject]);
    m_nextColumn = m_fastPopularity.Get() * double(m_alias.GetSize());
    __builtin_prefetch(&m_alias[m_alias.GetColumn(m_nextColumn)]);
    return id;
}

inline CatalogueEntry&
ObjectCatalogue::GetEntry(uint64_t object)
{
    return m_obj[object];
}

} // namespace ns3

#endif // OBJECT_CATALOGUE_H
