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
