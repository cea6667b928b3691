/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fixed-request-source.h"

#include "ns3/uinteger.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(FixedRequestSource);

TypeId
FixedRequestSource::GetTypeId()
{
    static TypeId tid = TypeId("ns3::FixedRequestSource")
                            .SetParent<RequestSource>()
                            .SetGroupName("WebProxy")
                            .AddConstructor<FixedRequestSource>()
                            .AddAttribute("Rounds",
                                          "How many times the list is replayed.",
                                          UintegerValue(1),
                                          MakeUintegerAccessor(&FixedRequestSource::m_rounds),
                                          MakeUintegerChecker<uint32_t>(1));
    return tid;
}

void
FixedRequestSource::Add(const WebRequest& request)
{
    m_requests.push_back(request);
}

size_t
FixedRequestSource::GetSize() const
{
    return m_requests.size();
}

bool
FixedRequestSource::Next(WebRequest& request)
{
    if (m_next == m_requests.size())
    {
        if (m_requests.empty() || ++m_round >= m_rounds)
        {
            return false;
        }
        m_next = 0;
    }
    request = m_requests[m_next++];
    return true;
}

} // namespace ns3
