/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef RESPONSE_MODEL_H
#define RESPONSE_MODEL_H

#include "catalogue-entry.h"
#include "part-attribute-accessor.h"

#include "ns3/fast-random-variable.h"
#include "ns3/ptr.h"
#include "ns3/random-variable-stream.h"
#include "ns3/type-id.h"

#include <array>
#include <string>
#include <vector>

namespace ns3
{

class ObjectCatalogue;
struct TraceRecord;

/**
 * \ingroup web-proxy
 * \brief What a synthetic workload's responses are like: what makes them uncachable, how
 * much of them arrives, and how their objects change.
 *
 * The probabilities are the per-request fractions of [PROXIM]'s table. Causes overlap as in
 * the traces: server Cache-Control and non-GET methods concentrate on dynamic URLs ('?' or
 * cgi-bin), and the cookie probability of static and dynamic URLs is solved so that the union
 * of the causes is Uncachable (Derive). Per request it draws the request's own properties:
 * Cookie, Set-Cookie, client no-cache, Authorization, method and persistent connection.
 * Users abort a response with its object's probability, which grows as
 * size^AbortSizeExponent (large transfers are aborted more often); an aborted response
 * delivers AbortFraction of the body or AbortBytes. Objects are modified as a Poisson process
 * with a per-object mean interval.
 *
 * Not every response is a 200: RedirectProbability and ErrorProbability of the requests go to
 * URLs that answer 302 or 404 (an object property, drawn at its first request), and
 * NotModifiedProbability of them are a browser's conditional GET of a copy it holds, answered
 * 304. These records have no body (size and received 0). Which requests can be a 304 is
 * NotModifiedRule: with FetchedBefore a GET of an object whose current version was received
 * earlier in the trace (SyntheticWorkload remembers them), spread by a token bucket so that
 * the 304s are NotModifiedProbability of the requests wherever such GETs are frequent enough;
 * with AnyGet any GET of a URL that answers 200, a first request too, with a fixed
 * probability.
 */
class ResponseModel
{
  public:
    /// What the model is built from: SyntheticWorkload's attributes of the same names.
    struct Parameters
    {
        double pCookie{0};                        //!< CookieProbability
        double pQuery{0};                         //!< QueryProbability
        double pCgi{0};                           //!< CgiProbability
        double cgiQueryFraction{0};               //!< CgiQueryFraction
        double pClientNoCache{0};                 //!< ClientNoCacheProbability
        double pServerNoCache{0};                 //!< ServerNoCacheProbability
        double serverNoCacheDynamicShare{0};      //!< ServerNoCacheDynamicShare
        double pOtherMethod{0};                   //!< OtherMethodProbability
        double otherMethodDynamicShare{0};        //!< OtherMethodDynamicShare
        double pAuthorization{0};                 //!< AuthorizationProbability
        double uncachable{0};                     //!< Uncachable (0: no solve)
        double cookieSiteProbability{0};          //!< CookieSiteProbability
        double pSetCookie{0};                     //!< SetCookieProbability
        double pPersistent{0};                    //!< PersistentProbability
        double pAbort{0};                         //!< AbortProbability (mean over requests)
        double abortSizeExponent{0};              //!< AbortSizeExponent
        bool abortInBytes{false};                 //!< AbortReceived: Bytes (else Fraction)
        Ptr<RandomVariableStream> abortFraction;  //!< AbortFraction
        Ptr<RandomVariableStream> abortBytes;     //!< AbortBytes, bytes
        Ptr<RandomVariableStream> changeInterval; //!< ModificationInterval, seconds
        double pNotModified{0};                   //!< NotModifiedProbability
        bool notModifiedFetchedBefore{false};     //!< NotModifiedRule FetchedBefore (else AnyGet)
        double pRedirect{0};                      //!< RedirectProbability
        double pError{0};                         //!< ErrorProbability
    };

    /// Per-request probabilities derived from the parameters (for the catalogue, checks, docs).
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
     * \brief Add the parameters as attributes of the object that holds this part.
     * \param tid the holder's TypeId
     * \param locate finds this part in a holder
     * \return tid
     */
    static TypeId AddAttributes(TypeId tid, PartLocator<ResponseModel> locate);

    /**
     * \brief Construct with the variables to draw from (owned by the caller, which numbers
     * their streams).
     * \param request uniform in [0,1): per-request properties
     * \param change exponential of mean 1: modification times
     */
    ResponseModel(Ptr<UniformRandomVariable> request, Ptr<ExponentialRandomVariable> change);

    /// \return the parameters, to set before Prepare
    Parameters& GetParameters();
    /// \return the parameters
    const Parameters& GetParameters() const;

    /**
     * \brief Derive the per-request probabilities from the parameters.
     * \return the derived probabilities; fatal if the parameters are inconsistent (e.g. an
     *         Uncachable outside what the other probabilities allow)
     */
    Derived Derive() const;

    /**
     * \brief Derive the probabilities that the draws use, once the parameters are final.
     * \return them
     */
    const Derived& Prepare();

    /**
     * \param d the derived probabilities
     * \return the request share of each CatalogueEntry::UrlKind
     */
    std::array<double, 4> GetUrlKindShares(const Derived& d) const;

    /// \param model the AbortReceived parameter: "Fraction" or "Bytes" (others are fatal)
    void SetAbortReceived(std::string model);
    /// \return the AbortReceived parameter
    std::string GetAbortReceived() const;
    /// \param rule the NotModifiedRule parameter: "AnyGet" or "FetchedBefore" (others are
    /// fatal)
    void SetNotModifiedRule(std::string rule);
    /// \return the NotModifiedRule parameter
    std::string GetNotModifiedRule() const;

    /**
     * \brief Give each object its abort probability: ~ size^AbortSizeExponent, scaled so
     * that its request-weighted mean is AbortProbability (probabilities capped at 1).
     * \param weight the request weight of each object
     * \param catalogue the objects
     */
    void AssignAbortProbabilities(const std::vector<double>& weight, ObjectCatalogue& catalogue);

    /// \brief Read the variables' streams and parameters (again after SetStream).
    void Bind();

    /**
     * \brief Bring an object up to date and draw a request's properties.
     *
     * Always two uniforms of the request variable, so that changing one probability does not
     * shift the random numbers of the requests that follow.
     * \param o the requested object; its modifications up to now are applied
     * \param now the request time, seconds
     * \param[out] out the record: its cachability fields, method, status, version and the
     *             bytes received
     */
    void Draw(CatalogueEntry& o, double now, TraceRecord& out);

    /**
     * \brief Draw a request's response status, from its own variable so that the other
     * draws do not move with the status probabilities. Call after Draw, with the size set.
     * \param o the requested object (its REDIRECT and ERROR flags are drawn on first use)
     * \param status uniform in [0,1)
     * \param fetched whether the object's current version was received earlier in the trace
     *        (read with NotModifiedRule FetchedBefore only)
     * \param[in,out] out the record: status 200, 302, 304 or 404; size and received 0 for
     *                the bodiless ones
     */
    void DrawStatus(CatalogueEntry& o,
                    Ptr<UniformRandomVariable> status,
                    bool fetched,
                    TraceRecord& out);

    /// \brief Release the variables.
    void Clear();

  private:
    /**
     * \brief Apply the modifications of an object up to a time.
     * \param o the object (its mean interval is drawn on its first request)
     * \param now the time, seconds
     */
    void ApplyModifications(CatalogueEntry& o, double now);

    Parameters m_params;                        //!< the parameters
    Derived m_derived;                          //!< from Prepare
    Ptr<UniformRandomVariable> m_requestRng;    //!< per-request properties
    Ptr<ExponentialRandomVariable> m_changeRng; //!< modification times (mean 1)
    FastRandomVariable m_fastRequest;           //!< m_requestRng
    FastRandomVariable m_fastChange;            //!< m_changeRng
    FastRandomVariable m_fastChangeInterval;    //!< the ModificationInterval variable
    FastRandomVariable m_fastAbortReceived;     //!< abortBytes or abortFraction
    double m_notModifiedTokens{0};              //!< FetchedBefore: 304s owed (at most 1)
};

} // namespace ns3

#endif // RESPONSE_MODEL_H
