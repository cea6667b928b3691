/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef PRIVATE_MEMBER_ACCESS_H
#define PRIVATE_MEMBER_ACCESS_H

/**
 * \file
 * \ingroup web-proxy
 * PrivateMemberAccess: a pointer to a private data member of an ns-3 class, for the few places
 * where ns-3 offers no other way (FastDemuxTcpL4Protocol walks TcpL4Protocol's endpoint list,
 * TcpSocketInternals reads TcpTxBuffer's sent size).
 *
 * Why it is allowed: an explicit template instantiation may name private members
 * ([temp.spec.general]/6), and the friend function it defines hands the member pointer out.
 * Each use declares a tag with the member's type and a friend Get, then instantiates the
 * template once with the member:
 *
 *     struct SentSizeTag
 *     {
 *         using Type = uint32_t TcpTxBuffer::*;
 *         friend Type Get(SentSizeTag);
 *     };
 *     template struct PrivateMemberAccess<SentSizeTag, &TcpTxBuffer::m_sentSize>;
 *     ... buffer->*Get(SentSizeTag()) ...
 *
 * If ns-3 renames the member or changes its type, the instantiation stops compiling rather
 * than misbehaving. Tags and instantiations belong in the unnamed namespace of ns3 of the one
 * file that uses them.
 */

namespace ns3
{
// Unnamed, as the tags are: Get(Tag), which the tag declares, must be the function the
// instantiation defines, so the template and the tags share their namespace, per file.
namespace
{

/**
 * \ingroup web-proxy
 * Defines Get(Tag), returning Member; see the file's description.
 * \tparam Tag a tag type with Type (the member pointer type) and a friend Get(Tag)
 * \tparam Member the private member
 */
template <typename Tag, typename Tag::Type Member>
struct PrivateMemberAccess
{
    /// \return the member pointer
    friend typename Tag::Type Get(Tag)
    {
        return Member;
    }
};

} // namespace
} // namespace ns3

#endif // PRIVATE_MEMBER_ACCESS_H
