/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "synthetic-workload.h"

#include "part-attribute-accessor.h"
#include "workload-presets.h"

#include "ns3/abort.h"
#include "ns3/attribute-choice.h"
#include "ns3/attribute-text-check.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/string.h"
#include "ns3/time-in-place.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SyntheticWorkload");
NS_OBJECT_ENSURE_REGISTERED(SyntheticWorkload);

TypeId
SyntheticWorkload::GetTypeId()
{
    // Each part declares the attributes it keeps. The parts add them in the order of the
    // single class this one was split from, which matters for the pointer attributes: ns-3
    // creates their variables in this order and, without AssignStreams, numbers their streams
    // in the order of creation.
    static TypeId tid = []
    {
        TypeId t = TypeId("ns3::SyntheticWorkload")
                       .SetParent<Object>()
                       .SetGroupName("WebProxy")
                       .AddConstructor<SyntheticWorkload>()
                       .AddAttribute("Requests",
                                     "Records to produce before Next returns false; 0: no end.",
                                     UintegerValue(1000000),
                                     MakeUintegerAccessor(&SyntheticWorkload::m_requests),
                                     MakeUintegerChecker<uint64_t>())
                       .AddAttribute("Duration",
                                     "Trace time to produce; when positive, Requests is set to "
                                     "the number of requests in it and the universe is sized "
                                     "for them (needs AssignStreams). 0: Requests decides.",
                                     TimeValue(Seconds(0)),
                                     MakeTimeAccessor(&SyntheticWorkload::m_duration),
                                     MakeTimeChecker(Seconds(0)));
        t = ObjectCatalogue::AddAttributes(t, &SyntheticWorkload::CatalogueOf);
        t = ResponseModel::AddAttributes(t, &SyntheticWorkload::ResponseOf);
        return UserBehaviour::AddAttributes(t, &SyntheticWorkload::UsersOf);
    }();
    return tid;
}

ObjectCatalogue&
SyntheticWorkload::CatalogueOf(ObjectBase& o)
{
    return dynamic_cast<SyntheticWorkload&>(o).m_catalogue;
}

ResponseModel&
SyntheticWorkload::ResponseOf(ObjectBase& o)
{
    return dynamic_cast<SyntheticWorkload&>(o).m_response;
}

UserBehaviour&
SyntheticWorkload::UsersOf(ObjectBase& o)
{
    return dynamic_cast<SyntheticWorkload&>(o).m_users;
}

SyntheticWorkload::SyntheticWorkload()
    : m_universeRng(CreateObject<UniformRandomVariable>())
    , m_popularityRng(CreateObject<UniformRandomVariable>())
    , m_requestRng(CreateObject<UniformRandomVariable>())
    , m_changeRng(CreateObject<ExponentialRandomVariable>())
    , m_catalogue(m_universeRng, m_popularityRng)
    , m_response(m_requestRng, m_changeRng)
{
    NS_LOG_FUNCTION(this);
    m_changeRng->SetAttribute("Mean", DoubleValue(1.0));
}

void
SyntheticWorkload::NotifyConstructionCompleted()
{
    Object::NotifyConstructionCompleted();
    // Created after the attribute variables: without AssignStreams, ns-3 numbers streams in
    // the order of creation, and the statuses came after the rest of the model.
    m_statusRng = CreateObject<UniformRandomVariable>();
}

SyntheticWorkload::~SyntheticWorkload()
{
    NS_LOG_FUNCTION(this);
}

void
SyntheticWorkload::DoDispose()
{
    m_catalogue.Clear();
    m_response.Clear();
    m_users.Clear();
    m_fetchedVersion.clear();
    m_universeRng = nullptr;
    m_popularityRng = nullptr;
    m_requestRng = nullptr;
    m_changeRng = nullptr;
    m_statusRng = nullptr;
    Object::DoDispose();
}

Ptr<SyntheticWorkload>
SyntheticWorkload::CreatePreset(const std::string& name)
{
    Ptr<SyntheticWorkload> w = CreateObject<SyntheticWorkload>();
    w->SetPreset(name);
    return w;
}

std::vector<std::string>
SyntheticWorkload::GetPresetNames()
{
    return WorkloadPresets::GetNames();
}

void
SyntheticWorkload::SetPreset(const std::string& name)
{
    NS_LOG_FUNCTION(this << name);
    const WorkloadPresets::Preset* preset = WorkloadPresets::Find(name);
    if (preset == nullptr)
    {
        std::string known;
        for (const auto& n : GetPresetNames())
        {
            known += " " + n;
        }
        NS_FATAL_ERROR("SyntheticWorkload: unknown preset '" << name << "' (known:" << known
                                                             << ")");
    }
    NS_ABORT_MSG_IF(m_built, "SyntheticWorkload: SetPreset after the first Next");
    // In the preset's (alphabetical) order: it decides the automatic stream numbers of the
    // variables the preset replaces.
    for (const auto& [attribute, value] : *preset)
    {
        SetAttribute(attribute, StringValue(value));
    }
}

void
SyntheticWorkload::SetResponseStatuses()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(m_built, "SyntheticWorkload: SetResponseStatuses after the first Next");
    for (const auto& [attribute, value] : WorkloadPresets::GetResponseStatuses())
    {
        SetAttribute(attribute, StringValue(value));
    }
}

void
SyntheticWorkload::SetAttributesFromText(
    const std::vector<std::pair<std::string, std::string>>& attributes)
{
    for (const auto& [name, text] : attributes)
    {
        std::string allowed;
        const std::string problem
            = AttributeTextCheck::Check("ns3::SyntheticWorkload::" + name, text, allowed);
        if (!problem.empty() || !SetAttributeFailSafe(name, StringValue(text)))
        {
            throw std::invalid_argument("workload attribute " + name + "=" + text + ": "
                                        + (problem.empty() ? "not accepted" : problem)
                                        + " (allowed: " + allowed + ")");
        }
    }
}

void
SyntheticWorkload::SetAbortReceived(std::string model)
{
    m_response.SetAbortReceived(model);
}

std::string
SyntheticWorkload::GetAbortReceived() const
{
    return m_response.GetAbortReceived();
}

int64_t
SyntheticWorkload::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    // The attribute variables may be replaced later (SetPreset, SetAttribute): Build assigns
    // the same streams again. The numbering is part of the trace's identity: keep the order.
    m_stream = stream;
    const UserBehaviour::Parameters& users = m_users.GetParameters();
    const Ptr<RandomVariableStream> all[] = {m_universeRng,
                                             m_popularityRng,
                                             m_requestRng,
                                             m_changeRng,
                                             m_response.GetParameters().abortFraction,
                                             m_response.GetParameters().changeInterval,
                                             users.objectsPerPage,
                                             users.interRequest,
                                             users.think,
                                             users.pagesPerSession,
                                             users.sessionGap,
                                             m_catalogue.GetParameters().serverRtt,
                                             m_statusRng};
    int64_t n = 0;
    for (const auto& rv : all)
    {
        rv->SetStream(stream + n++);
    }
    // Only one of the two is drawn: sharing a stream keeps the count (and the streams of
    // whatever the caller numbers after this object) unchanged.
    m_response.GetParameters().abortBytes->SetStream(
        m_response.GetParameters().abortFraction->GetStream());
    if (m_built)
    {
        BindVariables(); // SetStream replaced their RngStreams
    }
    return n;
}

uint64_t
SyntheticWorkload::GetGenerated() const
{
    return m_generated;
}

uint64_t
SyntheticWorkload::GetObjectCount()
{
    Build();
    return m_catalogue.GetObjectCount();
}

uint32_t
SyntheticWorkload::GetServerCount()
{
    BuildServers();
    return m_catalogue.GetServerCount();
}

std::string
SyntheticWorkload::GetServerName(uint32_t server)
{
    return "www" + std::to_string(server) + ".example.com";
}

Time
SyntheticWorkload::GetServerRtt(uint32_t server)
{
    BuildServers(); // not the objects: the RTTs may be wanted before Requests is known
    return Seconds(m_catalogue.GetServerRtt(server));
}

Time
SyntheticWorkload::GetServerRtt(const std::string& host)
{
    uint32_t server = 0;
    if (!m_catalogue.FindServer(host, server))
    {
        return Time(0);
    }
    BuildServers();
    return server < m_catalogue.GetServerCount() ? Seconds(m_catalogue.GetServerRtt(server))
                                                 : Time(0);
}

double
SyntheticWorkload::GetPopularity(uint64_t object)
{
    Build();
    return m_catalogue.GetPopularity(object);
}

uint64_t
SyntheticWorkload::GetLastObject() const
{
    return m_lastObject;
}

SyntheticWorkload::Derived
SyntheticWorkload::GetDerived() const
{
    return m_response.Derive();
}

void
SyntheticWorkload::Build()
{
    if (m_built)
    {
        return;
    }
    NS_LOG_FUNCTION(this);
    // Each part draws from its own streams, so only the order within a part matters; the
    // parts still run in the order of the single class they were split from.

    const Derived& d = m_response.Prepare();
    if (m_duration.IsStrictlyPositive() && !m_counted)
    {
        CountRequests();
    }
    BuildServers();
    BindVariables();
    const std::vector<double> weight
        = m_catalogue.BuildObjects(m_requests, m_response.GetUrlKindShares(d), d);
    m_response.AssignAbortProbabilities(weight, m_catalogue);
    if (m_users.GetParameters().pages)
    {
        m_catalogue.BuildServerIndex();
        m_pageServer.assign(m_users.GetParameters().users, NO_PAGE);
        m_pageObjects.assign(m_users.GetParameters().users, {});
    }
    m_users.Start();
    m_built = true;
}

void
SyntheticWorkload::CountRequests()
{
    // The request times come from the users' variables only: run them once to count, then
    // seat their streams back at their start for the trace.
    NS_ABORT_MSG_IF(m_stream < 0,
                    "SyntheticWorkload: Duration needs AssignStreams (the requests are counted "
                    "by a first pass over the same random numbers)");
    AssignStreams(m_stream);
    const UserBehaviour::Parameters& users = m_users.GetParameters();
    const Ptr<RandomVariableStream> timing[] = {users.objectsPerPage,
                                                users.interRequest,
                                                users.think,
                                                users.pagesPerSession,
                                                users.sessionGap};
    m_users.Bind();
    m_users.Start();
    const double end = m_duration.GetSeconds();
    uint64_t count = 0;
    while (m_users.NextRequest().first <= end)
    {
        ++count;
    }
    if (count == 0)
    {
        // Thrown, not fatal: a scenario refuses the duration with the option's name.
        throw std::invalid_argument("SyntheticWorkload: no requests in Duration "
                                    + std::to_string(m_duration.GetSeconds()) + " s");
    }
    m_requests = count;
    m_counted = true;
    for (const auto& rv : timing)
    {
        rv->SetStream(rv->GetStream()); // a new RngStream, at the stream's start
    }
}

void
SyntheticWorkload::BindVariables()
{
    m_users.Bind();
    m_response.Bind();
    m_catalogue.Bind();
}

void
SyntheticWorkload::BuildServers()
{
    if (m_catalogue.HasServers())
    {
        return;
    }
    // With Servers 0 their number follows the universe, which follows the trace's length.
    if (m_catalogue.GetParameters().servers == 0 && m_duration.IsStrictlyPositive() && !m_counted)
    {
        CountRequests();
    }
    // The first draws of the workload: assign the streams again, for attribute variables
    // replaced since AssignStreams.
    if (m_stream >= 0)
    {
        AssignStreams(m_stream);
    }
    m_catalogue.BuildServers(m_requests);
}

uint64_t
SyntheticWorkload::DrawPageObject(uint32_t user, bool& embedded)
{
    embedded = false;
    const UserBehaviour::Parameters& users = m_users.GetParameters();
    if (!users.pages)
    {
        return m_catalogue.DrawObject();
    }
    // A base draws its server through DrawObject and its same-server embedded objects are
    // drawn by popularity within that server, so that each object keeps (nearly) its share of
    // the requests, and so do the request-weighted properties the presets are calibrated on.
    // An object already in the page is drawn again (a browser fetches it once), from another
    // server once its own seem exhausted: a server with few objects would otherwise repeat its
    // base, and the repeats would be cache hits. The
    // page draws continue the universe variable's stream, idle once the universe is built, so
    // that the streams are numbered as without pages. A user whose page began before the
    // trace (WarmUp) starts with a base.
    std::vector<uint64_t>& page = m_pageObjects[user];
    if (m_users.LastStartsPage() || m_pageServer[user] == NO_PAGE)
    {
        // A link within the site: the previous page's server, by popularity among its
        // objects. The server came by popularity, so each object keeps its share. No draw
        // when the probability is 0, so that the streams are used as without it.
        const bool sameSite = users.sameSite > 0 && m_pageServer[user] != NO_PAGE
                           && !m_users.LastStartsSession()
                           && m_universeRng->GetValue() < users.sameSite;
        const uint64_t id
            = sameSite ? m_catalogue.DrawOnServer(m_pageServer[user], m_universeRng->GetValue())
                       : m_catalogue.DrawObject();
        m_pageServer[user] = m_catalogue.GetEntry(id).server;
        page.assign(1, id);
        return id;
    }
    embedded = true;
    bool other = m_universeRng->GetValue() < users.otherServer;
    uint64_t id = 0;
    for (int attempt = 0; attempt < 2 * MAX_PAGE_DRAWS; ++attempt)
    {
        // A server whose objects are all in the page already: the next draws are another
        // server's, as a page links only so many objects of its own site.
        other = other || attempt == MAX_PAGE_DRAWS;
        id = other ? m_catalogue.DrawObject()
                   : m_catalogue.DrawOnServer(m_pageServer[user], m_universeRng->GetValue());
        if (std::find(page.begin(), page.end(), id) == page.end())
        {
            break;
        }
    }
    if (page.size() < MAX_PAGE_MEMORY)
    {
        page.push_back(id);
    }
    return id;
}

bool
SyntheticWorkload::Next(TraceRecord& out)
{
    if (m_requests > 0 && m_generated >= m_requests)
    {
        return false;
    }
    Build();

    const auto [now, user] = m_users.NextRequest();
    const uint64_t id = DrawPageObject(user, out.embedded);
    CatalogueEntry& o = m_catalogue.GetEntry(id);
    m_response.Draw(o, now, out);
    TimeInPlace::Set(out.time, int64_t(std::llround(now * 1e9)));
    out.client = user;
    out.size = o.size;
    const ResponseModel::Parameters& rp = m_response.GetParameters();
    uint32_t* fetched = nullptr; // FetchedBefore: 1 + the version received, 0: none
    if (rp.notModifiedFetchedBefore && rp.pNotModified > 0)
    {
        if (m_fetchedVersion.empty())
        {
            m_fetchedVersion.assign(m_catalogue.GetObjectCount(), 0);
        }
        fetched = &m_fetchedVersion[id];
    }
    m_response.DrawStatus(o, m_statusRng, fetched && *fetched == o.version + 1, out);
    // A copy is made by a GET received whole: a 200, or a 304 of a copy held already.
    if (fetched && out.method == "GET"
        && (out.status == 304 || (out.status == 200 && !out.IsAborted())))
    {
        *fetched = o.version + 1;
    }

    m_catalogue.WriteNames(id, out);

    m_lastObject = id;
    ++m_generated;
    return true;
}

} // namespace ns3
