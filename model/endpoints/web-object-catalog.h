/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef WEB_OBJECT_CATALOG_H
#define WEB_OBJECT_CATALOG_H

#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <optional>
#include <string>
#include <unordered_map>

namespace ns3
{

/**
 * \ingroup web-proxy
 * One object an origin server serves.
 */
struct WebObject
{
    std::string path; //!< path and query, e.g. "/img/logo.gif"
    std::string host; //!< host it belongs to (virtual hosting); empty: served for any host
    uint64_t size{0}; //!< body bytes
    std::string contentType{"text/html"}; //!< Content-Type
    Time lastModified;                    //!< last modification (may be negative: before the run)
    /// Mean time between modifications (a Poisson process); zero: never modified.
    Time meanModificationInterval;
    std::string cacheControl;    //!< Cache-Control sent with it (empty: none)
    std::optional<Time> expires; //!< Expires sent with it
    std::string setCookie;       //!< Set-Cookie sent with it (empty: none)
    uint32_t version{0};         //!< modifications so far (maintained by the catalog)
    /// Status answered: 200 (the object), or a redirect (3xx, with Location) or an error
    /// (4xx, 5xx), both without a body
    unsigned status{200};
    std::string location; //!< Location of a redirect (empty: the site's root)
};

/**
 * \ingroup web-proxy
 * The objects an origin server serves, by host and path. Shared by servers that stand for the same
 * content. Modifications are drawn lazily, when an object is looked up, from one exponential
 * random variable per catalog, so a run stays reproducible without one event per object.
 */
class WebObjectCatalog : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    WebObjectCatalog();

    /**
     * Add or replace an object.
     * \param object the object
     */
    void Add(const WebObject& object);

    /**
     * Add or replace an object with the defaults of WebObject for everything else (for any
     * host, text/html, status 200, never modified): the common case of scripts and tests.
     * \param path its path and query
     * \param size its body bytes
     * \param lastModified its Last-Modified (default: time 0; negative: before the run)
     */
    void Add(const std::string& path, uint64_t size, Time lastModified = Time());

    /**
     * Look an object up, first applying the modifications due by now.
     * \param path path and query
     * \param now the current time
     * \return the object, or nullptr
     */
    const WebObject* Lookup(const std::string& path, Time now);

    /**
     * Look an object up for a virtual host: an object added for this host, else one added
     * for any host. Modifications due by now are applied first.
     * \param host the request's host, without port
     * \param path path and query
     * \param now the current time
     * \return the object, or nullptr
     */
    const WebObject* Lookup(const std::string& host, const std::string& path, Time now);

    /// \return the number of objects
    size_t GetSize() const;

    /**
     * A catalog of the same objects for servers on another node, whose modifications are
     * drawn on its own (its own random variable; trace sinks are not copied). The original
     * takes no more objects afterwards: Add would then change one copy and not the others.
     * \return the copy
     */
    Ptr<WebObjectCatalog> Copy();

    /**
     * Assign a fixed random variable stream.
     * \param stream the stream index
     * \return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /// Signature of the Modified trace source: path, time of the modification.
    typedef void (*ModifiedCallback)(const std::string& path, Time when);

  private:
    /// An object and the time of its next modification.
    struct Entry
    {
        WebObject object;         //!< the object
        std::optional<Time> next; //!< next modification, drawn on first lookup
    };

    std::unordered_map<std::string, Entry> m_objects; //!< by "host/path" or "/path"
    bool m_copied{false};                             //!< Copy was called: Add is an error
    Ptr<ExponentialRandomVariable> m_interval;
    /// Fired when an object is found modified: path, time of the modification.
    TracedCallback<const std::string&, Time> m_modifiedTrace;
};

} // namespace ns3

#endif // WEB_OBJECT_CATALOG_H
