/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "client-page-gate.h"

namespace ns3
{

bool
ClientPageGate::Admit(WebRequest& request, uint64_t nextId, Base& base)
{
    if (!request.embedded)
    {
        m_base = nextId;
        m_state = Base::PENDING;
        m_parsed = 0;
        base = Base::COMPLETED;
        return true;
    }
    if (m_state == Base::PENDING)
    {
        m_held.emplace_back(m_base, std::move(request));
        return false;
    }
    base = m_state;
    return true;
}

std::vector<WebRequest>
ClientPageGate::Ended(uint64_t id, Base base)
{
    if (id == m_base && m_state == Base::PENDING)
    {
        m_state = base;
    }
    std::vector<WebRequest> ready;
    // A later base may be under way already (its think time ran out first): release only
    // the requests of this one.
    for (auto it = m_held.begin(); it != m_held.end();)
    {
        if (it->first == id)
        {
            ready.push_back(std::move(it->second));
            it = m_held.erase(it);
        }
        else
        {
            ++it;
        }
    }
    return ready;
}

std::vector<WebRequest>
ClientPageGate::Parsed(uint64_t id, uint64_t received, uint64_t total)
{
    std::vector<WebRequest> ready;
    if (id != m_base || m_state != Base::PENDING || total == 0)
    {
        return ready;
    }
    uint64_t n = m_parsed;
    for (const auto& [base, request] : m_held)
    {
        n += base == id;
    }
    for (auto it = m_held.begin(); it != m_held.end();)
    {
        if (it->first != id)
        {
            ++it;
            continue;
        }
        // The (m_parsed + 1)-th request's tag ends (m_parsed + 1) / (n + 1) into the body
        // (in doubles: a Content-Length near 2^64 must not wrap).
        if (double(received) * double(n + 1) < double(m_parsed + 1) * double(total))
        {
            break;
        }
        ready.push_back(std::move(it->second));
        it = m_held.erase(it);
        ++m_parsed;
    }
    return ready;
}

std::vector<WebRequest>
ClientPageGate::TakeHeld()
{
    std::vector<WebRequest> held;
    held.reserve(m_held.size());
    for (auto& [base, request] : m_held)
    {
        held.push_back(std::move(request));
    }
    m_held.clear();
    return held;
}

void
ClientPageGate::Clear()
{
    m_held.clear();
}

} // namespace ns3
