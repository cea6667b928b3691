/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef WEB_PROXY_TEST_CROSS_NODE_CHECK_H
#define WEB_PROXY_TEST_CROSS_NODE_CHECK_H

#include "ns3/application.h"
#include "ns3/depot-standby.h"
#include "ns3/depot.h"
#include "ns3/node-list.h"
#include "ns3/node.h"
#include "ns3/pointer.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace ns3
{
namespace test
{

/**
 * What keeps a scenario from running under ns-3's distributed simulator, where every node may
 * live in another process: an application that reaches an object of another node, or an
 * object (a catalog, a random variable, ...) that applications of two nodes share. Walks
 * every application's Pointer attributes, and what those objects point to in turn, plus the
 * module's own cross-object links that are not attributes (DepotStandby's depot).
 * \return one line per problem; empty if there is none
 */
inline std::vector<std::string>
CrossNodeReferences()
{
    std::vector<std::string> problems;
    std::map<const Object*, std::set<uint32_t>> sharedBy; // node-less objects -> nodes
    std::map<const Object*, std::string> names;

    auto nodeOf = [](Ptr<Object> o) -> int64_t
    {
        if (Ptr<Application> a = DynamicCast<Application>(o))
        {
            return a->GetNode() ? int64_t(a->GetNode()->GetId()) : -1;
        }
        if (Ptr<Node> n = o->GetObject<Node>())
        {
            return n->GetId();
        }
        return -1;
    };
    auto reached = [&](uint32_t node, const std::string& from, Ptr<Object> target)
    {
        const int64_t owner = nodeOf(target);
        const std::string what = target->GetInstanceTypeId().GetName();
        if (owner >= 0 && owner != node)
        {
            problems.push_back(from + " on node " + std::to_string(node) + " reaches a " + what
                               + " of node " + std::to_string(owner));
        }
        else if (owner < 0)
        {
            sharedBy[PeekPointer(target)].insert(node);
            names[PeekPointer(target)] = what + " (reached by " + from + ")";
        }
    };
    // Pointer attributes of o, and of what they point to (depth 2).
    std::function<void(uint32_t, Ptr<Object>, const std::string&, int)> walk;
    walk = [&](uint32_t node, Ptr<Object> o, const std::string& from, int depth)
    {
        for (TypeId tid = o->GetInstanceTypeId(); tid != Object::GetTypeId(); tid = tid.GetParent())
        {
            for (uint32_t i = 0; i < tid.GetAttributeN(); ++i)
            {
                const TypeId::AttributeInformation info = tid.GetAttribute(i);
                if (!(info.flags & TypeId::ATTR_GET) || !info.accessor->HasGetter()
                    || info.checker->GetValueTypeName() != "ns3::PointerValue")
                {
                    continue;
                }
                PointerValue v;
                if (!info.accessor->Get(PeekPointer(o), v) || !v.GetObject())
                {
                    continue;
                }
                const std::string path = from + "/" + info.name;
                reached(node, path, v.GetObject());
                if (depth < 2 && !DynamicCast<Node>(v.GetObject()))
                {
                    walk(node, v.GetObject(), path, depth + 1);
                }
            }
        }
    };
    for (auto n = NodeList::Begin(); n != NodeList::End(); ++n)
    {
        const uint32_t id = (*n)->GetId();
        for (uint32_t i = 0; i < (*n)->GetNApplications(); ++i)
        {
            Ptr<Application> app = (*n)->GetApplication(i);
            const std::string name = app->GetInstanceTypeId().GetName();
            walk(id, app, name, 1);
            if (Ptr<DepotStandby> s = DynamicCast<DepotStandby>(app))
            {
                if (s->GetDepot())
                {
                    reached(id, name + " depot", s->GetDepot());
                }
            }
        }
    }
    for (const auto& [object, nodes] : sharedBy)
    {
        if (nodes.size() > 1)
        {
            problems.push_back(names[object] + " is shared by applications of "
                               + std::to_string(nodes.size()) + " nodes");
        }
    }
    return problems;
}

} // namespace test
} // namespace ns3

#endif // WEB_PROXY_TEST_CROSS_NODE_CHECK_H
