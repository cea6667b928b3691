/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef CATALOGUE_ENTRY_H
#define CATALOGUE_ENTRY_H

#include <cstdint>

namespace ns3
{

/**
 * \ingroup web-proxy
 * \brief One object of a synthetic workload's universe.
 *
 * 32 bytes: the universe is read at random, by cache line.
 */
struct CatalogueEntry
{
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

    static constexpr uint8_t SERVER_NO_CACHE = 1; //!< flag: response Cache-Control: no-cache
    static constexpr uint8_t COOKIE_SITE = 2;     //!< flag: the object's site uses cookies
    static constexpr uint8_t REDIRECT = 4;        //!< flag: the URL answers 302 (moved)
    static constexpr uint8_t ERROR = 8;           //!< flag: the URL answers 404 (no object)
    static constexpr uint8_t STATUS_DRAWN = 16;   //!< flag: REDIRECT and ERROR are drawn

    double nextChange; //!< next modification, seconds (infinity: never)
    uint32_t size;     //!< body bytes
    uint32_t server;   //!< server index
    uint32_t version;  //!< modifications so far
    float changeMean;  //!< mean time between modifications, seconds (<0: not drawn yet)
    float abortProb;   //!< probability that a request is aborted
    uint8_t kind;      //!< UrlKind
    uint8_t type;      //!< ContentType
    uint8_t flags;     //!< SERVER_NO_CACHE, COOKIE_SITE, REDIRECT, ERROR, STATUS_DRAWN bits

    /// \return whether the URL has '?' or cgi-bin (the group of its cause probabilities)
    bool IsDynamic() const
    {
        return kind != STATIC;
    }
};

} // namespace ns3

#endif // CATALOGUE_ENTRY_H
