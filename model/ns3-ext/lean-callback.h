/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef LEAN_CALLBACK_H
#define LEAN_CALLBACK_H

#include "ns3/callback.h"
#include "ns3/ptr.h"

#include <memory>
#include <utility>

/**
 * \file
 * \ingroup web-proxy
 * MakeLeanCallback: an ns-3 Callback to a member function in one heap allocation instead of
 * MakeCallback's five.
 *
 * Why: every HTTP connection hands its TCP socket four callbacks (receive, send, normal and
 * error close), and a client two more (connect, connect failed). ns-3's MakeCallback(&C::M, obj)
 * stores the member pointer in a std::function, wraps it with the object in a lambda that does
 * not fit std::function's small buffer, and keeps two shared components in a vector for
 * comparison: five allocations, about 250 bytes with the allocator's overhead, per callback.
 * That was 0.5 MB of a 300-client scenario's peak heap (bench/scenario-throughput, heaptrack).
 * Here the member function is a template argument, so the lambda holds only the object pointer
 * (it fits std::function's small buffer), and the implementation compares itself by member and
 * object instead of through components: one allocation of about 100 bytes.
 *
 * Semantics are those of MakeCallback: calling it calls obj->*M, IsNull() is false, and two
 * lean callbacks compare equal exactly when they name the same member of the same object. A
 * lean callback never compares equal to a MakeCallback one, which matters only to
 * TracedCallback::Disconnect (connect and disconnect with the same kind). Binding arguments to a
 * lean callback (Callback::Bind) is not supported: it has no components to carry over.
 *
 * Uses only public API of callback.h (CallbackImpl is subclassed, its constructor takes a
 * std::function and a component vector; IsEqual is virtual): checked against ns-3.37 (Debian
 * 12) and ns-3-dev 3.48, whose callback.h is the same in these parts.
 */

namespace ns3
{

/// \cond internal
namespace lean_callback
{
template <typename M>
struct Maker;

template <typename T, typename R, typename... Args>
struct Maker<R (T::*)(Args...)>
{
    /// The implementation: ns-3's, with comparison by (member, object) instead of components.
    template <R (T::*MemPtr)(Args...), typename OBJ>
    class Impl : public CallbackImpl<R, Args...>
    {
      public:
        explicit Impl(OBJ* obj)
            : CallbackImpl<R, Args...>([obj](Args... args) -> R
                                       { return (obj->*MemPtr)(std::forward<Args>(args)...); },
                                       CallbackComponentVector())
            , m_obj(obj)
        {}

        bool IsEqual(Ptr<const CallbackImplBase> other) const override
        {
            const auto* o = dynamic_cast<const Impl*>(PeekPointer(other));
            return o != nullptr && o->m_obj == m_obj;
        }

      private:
        OBJ* m_obj;
    };

    template <R (T::*MemPtr)(Args...), typename OBJ>
    static Callback<R, Args...> Make(OBJ* obj)
    {
        Ptr<CallbackImpl<R, Args...>> impl = Create<Impl<MemPtr, OBJ>>(obj);
        return Callback<R, Args...>(impl);
    }
};
} // namespace lean_callback

/// \endcond

/**
 * A Callback to obj->*MemPtr, as MakeCallback(MemPtr, obj) but in one allocation.
 * \tparam MemPtr the member function (a non-const, non-overloaded member pointer)
 * \tparam OBJ the object's class (deduced)
 * \param obj the object (raw pointer: the caller keeps it alive, as with MakeCallback)
 * \return the callback
 */
template <auto MemPtr, typename OBJ>
auto
MakeLeanCallback(OBJ* obj)
{
    return lean_callback::Maker<decltype(MemPtr)>::template Make<MemPtr>(obj);
}

} // namespace ns3

#endif // LEAN_CALLBACK_H
