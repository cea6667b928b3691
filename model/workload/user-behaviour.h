/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef USER_BEHAVIOUR_H
#define USER_BEHAVIOUR_H

#include "part-attribute-accessor.h"

#include "ns3/fast-random-variable.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"
#include "ns3/random-variable-stream.h"
#include "ns3/type-id.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup web-proxy
 * \brief When a synthetic workload's users send requests: sessions, pages, think times.
 *
 * Users alternate sessions (PagesPerSession pages separated by ThinkTime) and SessionGap off
 * periods; a page is ObjectsPerPage requests InterRequestTime apart. The users' timing runs
 * WarmUp before time zero, so that the trace starts with the sessions in progress of the
 * steady state. Requests come out in non-decreasing time order.
 *
 * With Pages, the requests after the first of a page (its embedded objects) come at the
 * page's time, for the browser issues them as soon as the base has arrived; the page's
 * InterRequestTime gaps are still drawn and delay the next page, so that the pages' times
 * and the request rate are those of the same preset without Pages.
 */
class UserBehaviour
{
  public:
    /// What the behaviour is built from: SyntheticWorkload's attributes of the same names.
    struct Parameters
    {
        uint32_t users{0};                         //!< Users
        Ptr<RandomVariableStream> objectsPerPage;  //!< ObjectsPerPage
        Ptr<RandomVariableStream> interRequest;    //!< InterRequestTime, seconds
        Ptr<RandomVariableStream> think;           //!< ThinkTime, seconds
        Ptr<RandomVariableStream> pagesPerSession; //!< PagesPerSession
        Time warmUp;                               //!< WarmUp
        Ptr<RandomVariableStream> sessionGap;      //!< SessionGap, seconds
        bool pages{false};                         //!< Pages
        double otherServer{0};                     //!< EmbeddedOtherServerProbability
        double sameSite{0};                        //!< SameSitePageProbability
    };

    /**
     * \brief Add the parameters as attributes of the object that holds this part.
     * \param tid the holder's TypeId
     * \param locate finds this part in a holder
     * \return tid
     */
    static TypeId AddAttributes(TypeId tid, PartLocator<UserBehaviour> locate);

    /// \return the parameters, to set before Bind
    Parameters& GetParameters();
    /// \return the parameters
    const Parameters& GetParameters() const;

    /// \brief Read the variables' streams and parameters (again after SetStream).
    void Bind();

    /// \brief Start the users and run their timing up to time zero, after Bind.
    void Start();

    /**
     * \brief Take the next request and schedule the same user's following one.
     * \return its time, seconds, and its user
     */
    std::pair<double, uint32_t> NextRequest();

    /// \return whether the request NextRequest returned last is the first of a page
    bool LastStartsPage() const;
    /// \return whether the request NextRequest returned last is the first of a session
    bool LastStartsSession() const;

    /// \brief Release the users and the variables.
    void Clear();

  private:
    /// A user's browsing state.
    struct User
    {
        uint32_t pageLeft{0};    //!< requests left in the current page
        uint32_t sessionLeft{0}; //!< pages left in the current session
        double pageSpan{0};      //!< Pages: InterRequestTime gaps of the page, seconds
        bool pageStart{true};    //!< its next request is the first of a page
        bool sessionStart{true}; //!< its next page is the first of a session
    };

    /**
     * \param user a user
     * \param now the time of its request, seconds
     * \return the time of its next request, seconds
     */
    double ScheduleUser(uint32_t user, double now);

    /**
     * \brief Replace the root of the min-heap and restore the heap: half the work of pop and
     * push.
     * \param top the new root
     */
    void SiftDown(std::pair<double, uint32_t> top);

    Parameters m_params;                             //!< the parameters
    FastRandomVariable m_fastObjectsPerPage;         //!< objectsPerPage
    FastRandomVariable m_fastInterRequest;           //!< interRequest
    FastRandomVariable m_fastThink;                  //!< think
    FastRandomVariable m_fastPagesPerSession;        //!< pagesPerSession
    FastRandomVariable m_fastSessionGap;             //!< sessionGap
    std::vector<User> m_user;                        //!< per-user state
    std::vector<std::pair<double, uint32_t>> m_heap; //!< (next request time, user), min-heap
    bool m_lastPageStart{true};                      //!< the last request starts a page
    bool m_lastSessionStart{true};                   //!< the last request starts a session
};

} // namespace ns3

#endif // USER_BEHAVIOUR_H
