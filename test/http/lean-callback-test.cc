/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * MakeLeanCallback: calls the member on its object, and compares as MakeCallback does (same
 * member and object: equal; another object or member: not).
 */
#include "ns3/lean-callback.h"

#include <gtest/gtest.h>

#include <string>

using namespace ns3;

namespace
{
struct Target
{
    std::string got;

    void Take(std::string s, int n)
    {
        got += s + std::to_string(n);
    }

    int Twice(int n)
    {
        return 2 * n;
    }
};
} // namespace

TEST(LeanCallback, CallsTheMemberOnItsObject)
{
    Target a;
    Callback<void, std::string, int> cb = MakeLeanCallback<&Target::Take>(&a);
    ASSERT_FALSE(cb.IsNull());
    cb("x", 1);
    cb("y", 2);
    EXPECT_EQ(a.got, "x1y2");
    Target b;
    Callback<int, int> twice = MakeLeanCallback<&Target::Twice>(&b);
    EXPECT_EQ(twice(21), 42);
}

TEST(LeanCallback, EqualExactlyForTheSameMemberAndObject)
{
    Target a;
    Target b;
    Callback<void, std::string, int> a1 = MakeLeanCallback<&Target::Take>(&a);
    Callback<void, std::string, int> a2 = MakeLeanCallback<&Target::Take>(&a);
    Callback<void, std::string, int> b1 = MakeLeanCallback<&Target::Take>(&b);
    EXPECT_TRUE(a1.IsEqual(a2));
    EXPECT_FALSE(a1.IsEqual(b1));
    EXPECT_FALSE(a1.IsEqual(MakeCallback(&Target::Take, &a))) << "never equal to MakeCallback's";
    Callback<void, std::string, int> copy = a1;
    EXPECT_TRUE(copy.IsEqual(a1));
}
