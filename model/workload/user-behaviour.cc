/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "user-behaviour.h"

#include "workload-presets.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/nstime.h"
#include "ns3/pointer.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace ns3
{

TypeId
UserBehaviour::AddAttributes(TypeId tid, PartLocator<UserBehaviour> locate)
{
    return tid
        .AddAttribute("Users",
                      "Number of users (clients), numbered 0 .. Users-1.",
                      WorkloadPresets::GetDefault("Users"),
                      MakePartAccessor<UintegerValue>(locate, &Parameters::users),
                      MakeUintegerChecker<uint32_t>(1))
        .AddAttribute("ObjectsPerPage",
                      "Requests per page (rounded down, at least 1).",
                      WorkloadPresets::GetDefault("ObjectsPerPage"),
                      MakePartAccessor<PointerValue>(locate, &Parameters::objectsPerPage),
                      MakePointerChecker<RandomVariableStream>())
        .AddAttribute("InterRequestTime",
                      "Time between the requests of one page, seconds.",
                      WorkloadPresets::GetDefault("InterRequestTime"),
                      MakePartAccessor<PointerValue>(locate, &Parameters::interRequest),
                      MakePointerChecker<RandomVariableStream>())
        .AddAttribute("ThinkTime",
                      "Time between the last request of a page and the next page of the "
                      "session, seconds.",
                      WorkloadPresets::GetDefault("ThinkTime"),
                      MakePartAccessor<PointerValue>(locate, &Parameters::think),
                      MakePointerChecker<RandomVariableStream>())
        .AddAttribute("PagesPerSession",
                      "Pages per session (rounded down, at least 1).",
                      WorkloadPresets::GetDefault("PagesPerSession"),
                      MakePartAccessor<PointerValue>(locate, &Parameters::pagesPerSession),
                      MakePointerChecker<RandomVariableStream>())
        .AddAttribute("WarmUp",
                      "How long the users browse before the trace starts (their timing "
                      "only), so that it starts in the steady state; should exceed a "
                      "typical session.",
                      WorkloadPresets::GetDefault("WarmUp"),
                      MakePartAccessor<TimeValue>(locate, &Parameters::warmUp),
                      MakeTimeChecker(Seconds(0)))
        .AddAttribute("SessionGap",
                      "Time between the last request of a session and the next session, "
                      "seconds; users start with one gap.",
                      WorkloadPresets::GetDefault("SessionGap"),
                      MakePartAccessor<PointerValue>(locate, &Parameters::sessionGap),
                      MakePointerChecker<RandomVariableStream>())
        .AddAttribute("Pages",
                      "Give pages a structure: the first request of a page is its base (drawn "
                      "by popularity), the others are objects embedded in it, from the base's "
                      "server or (EmbeddedOtherServerProbability) another one, and come at the "
                      "page's time, marked embedded. False: the objects of a page are drawn "
                      "independently and InterRequestTime apart, the request sequence of "
                      "before pages existed.",
                      WorkloadPresets::GetDefault("Pages"),
                      MakePartAccessor<BooleanValue>(locate, &Parameters::pages),
                      MakeBooleanChecker())
        .AddAttribute("EmbeddedOtherServerProbability",
                      "With Pages: probability that an embedded object is on another server "
                      "than its page's base (drawn by popularity over all objects).",
                      WorkloadPresets::GetDefault("EmbeddedOtherServerProbability"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::otherServer),
                      MakeDoubleChecker<double>(0, 1))
        .AddAttribute("SameSitePageProbability",
                      "With Pages: probability that a page after the first of a session has "
                      "its base on the server of the page before (a link within the site), "
                      "drawn by popularity among that server's objects; otherwise by "
                      "popularity over all objects. Either way each object keeps its share "
                      "of the requests.",
                      WorkloadPresets::GetDefault("SameSitePageProbability"),
                      MakePartAccessor<DoubleValue>(locate, &Parameters::sameSite),
                      MakeDoubleChecker<double>(0, 1));
}

UserBehaviour::Parameters&
UserBehaviour::GetParameters()
{
    return m_params;
}

const UserBehaviour::Parameters&
UserBehaviour::GetParameters() const
{
    return m_params;
}

void
UserBehaviour::Bind()
{
    m_fastObjectsPerPage.Bind(m_params.objectsPerPage);
    m_fastInterRequest.Bind(m_params.interRequest);
    m_fastThink.Bind(m_params.think);
    m_fastPagesPerSession.Bind(m_params.pagesPerSession);
    m_fastSessionGap.Bind(m_params.sessionGap);
}

void
UserBehaviour::Start()
{
    const uint32_t users = m_params.users;
    m_user.assign(users, User{});
    m_heap.clear();
    m_heap.reserve(users);
    for (uint32_t u = 0; u < users; ++u)
    {
        // Start after a first off period, WarmUp before time zero: for exponential gaps
        // (the presets) the residual of a gap in progress has the gap's distribution.
        const double start = std::max(0.0, m_fastSessionGap.Get()) - m_params.warmUp.GetSeconds();
        m_user[u].sessionLeft
            = uint32_t(std::max(1.0, std::floor(m_fastPagesPerSession.Get()))) - 1;
        m_user[u].pageLeft = uint32_t(std::max(1.0, std::floor(m_fastObjectsPerPage.Get()))) - 1;
        m_heap.emplace_back(start, u);
    }
    std::make_heap(m_heap.begin(), m_heap.end(), std::greater<>());
    // Run the users (their timing only, no objects) up to time zero, so that the trace
    // starts with the sessions in progress of the steady state instead of ramping up.
    while (m_heap.front().first < 0)
    {
        const auto [now, user] = m_heap.front();
        SiftDown({ScheduleUser(user, now), user});
    }
}

std::pair<double, uint32_t>
UserBehaviour::NextRequest()
{
    const std::pair<double, uint32_t> next = m_heap.front();
    m_lastPageStart = m_user[next.second].pageStart;
    m_lastSessionStart = m_lastPageStart && m_user[next.second].sessionStart;
    SiftDown({ScheduleUser(next.second, next.first), next.second});
    return next;
}

bool
UserBehaviour::LastStartsPage() const
{
    return m_lastPageStart;
}

bool
UserBehaviour::LastStartsSession() const
{
    return m_lastSessionStart;
}

double
UserBehaviour::ScheduleUser(uint32_t user, double now)
{
    User& u = m_user[user];
    if (u.pageLeft > 0)
    {
        --u.pageLeft;
        u.pageStart = false;
        const double gap = std::max(0.0, m_fastInterRequest.Get());
        if (m_params.pages)
        {
            u.pageSpan += gap; // the embedded objects come with the base
            return now;
        }
        return now + gap;
    }
    // The same draws in the same order with and without Pages: the pages' times agree.
    const double span = u.pageSpan;
    u.pageSpan = 0;
    u.pageStart = true;
    u.pageLeft = uint32_t(std::max(1.0, std::floor(m_fastObjectsPerPage.Get()))) - 1;
    if (u.sessionLeft > 0)
    {
        --u.sessionLeft;
        u.sessionStart = false;
        return now + span + std::max(0.0, m_fastThink.Get());
    }
    u.sessionStart = true;
    u.sessionLeft = uint32_t(std::max(1.0, std::floor(m_fastPagesPerSession.Get()))) - 1;
    return now + span + std::max(0.0, m_fastSessionGap.Get());
}

void
UserBehaviour::SiftDown(std::pair<double, uint32_t> top)
{
    const size_t n = m_heap.size();
    size_t i = 0;
    while (true)
    {
        size_t child = 2 * i + 1;
        if (child >= n)
        {
            break;
        }
        if (child + 1 < n && m_heap[child + 1] < m_heap[child])
        {
            ++child;
        }
        if (!(m_heap[child] < top))
        {
            break;
        }
        m_heap[i] = m_heap[child];
        i = child;
    }
    m_heap[i] = top;
}

void
UserBehaviour::Clear()
{
    m_user = {};
    m_heap = {};
    for (Ptr<RandomVariableStream>* v : {&m_params.objectsPerPage,
                                         &m_params.interRequest,
                                         &m_params.think,
                                         &m_params.pagesPerSession,
                                         &m_params.sessionGap})
    {
        *v = nullptr;
    }
    for (FastRandomVariable* v : {&m_fastObjectsPerPage,
                                  &m_fastInterRequest,
                                  &m_fastThink,
                                  &m_fastPagesPerSession,
                                  &m_fastSessionGap})
    {
        *v = FastRandomVariable();
    }
}

} // namespace ns3
