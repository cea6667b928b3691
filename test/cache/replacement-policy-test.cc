/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Replacement policies against brute-force references (plain vectors scanned in O(n)) on
 * random request sequences: the same hits, the same victims in the same order and the same
 * contents after every operation. Known properties: LRU stack inclusion, GDS(1) == LRU with
 * equal sizes, the admission rule, the capacity bound, the evict callback. The factory's
 * error message.
 */
#include "ns3/direct-node-table.h"
#include "ns3/greedy-dual-policy.h"
#include "ns3/lru-policy.h"
#include "ns3/object-table.h"
#include "ns3/replacement-policy.h"
#include "ns3/s3-fifo-policy.h"

#include <boost/multiprecision/cpp_int.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <stdexcept>
#include <utility>
#include <vector>

using namespace ns3;

namespace
{

using Key = ReplacementPolicy::Key;
using Victims = std::vector<std::pair<Key, uint64_t>>;
using Contents = std::set<std::pair<Key, uint64_t>>;

/// A brute-force reference: every operation is a scan of a vector.
class Reference
{
  public:
    explicit Reference(uint64_t capacity)
        : m_capacity(capacity)
    {}

    virtual ~Reference() = default;
    virtual bool Lookup(Key key) = 0;
    virtual bool Insert(Key key, uint64_t size, double cost) = 0;
    virtual void Erase(Key key) = 0;
    virtual Contents GetContents() const = 0;

    uint64_t used{0};
    Victims victims;

  protected:
    uint64_t m_capacity;
};

/// One cached object of a reference.
struct Entry
{
    Key key;
    uint64_t size;
    double cost{0};
    double h{0};
    boost::multiprecision::cpp_rational hx{0}; //!< exact H (GDS1, GDSF, LFUDA)
    uint64_t access{0};
    uint32_t frequency{0};
    bool visited{false};
};

template <class V>
int
Find(const V& v, Key key)
{
    for (size_t i = 0; i < v.size(); ++i)
    {
        if (v[i].key == key)
        {
            return int(i);
        }
    }
    return -1;
}

template <class V>
Contents
ContentsOf(const V& v)
{
    Contents c;
    for (const auto& e : v)
    {
        c.insert({e.key, e.size});
    }
    return c;
}

/// A reference whose objects are one vector.
class VectorReference : public Reference
{
  public:
    using Reference::Reference;

    void Erase(Key key) override
    {
        int i = Find(v, key);
        if (i >= 0)
        {
            used -= v[i].size;
            v.erase(v.begin() + i);
        }
    }

    Contents GetContents() const override
    {
        return ContentsOf(v);
    }

    std::vector<Entry> v;
};

/// LRU: v[0] is the most recently used.
class RefLru : public VectorReference
{
  public:
    using VectorReference::VectorReference;

    bool Lookup(Key key) override
    {
        int i = Find(v, key);
        if (i < 0)
        {
            return false;
        }
        Entry e = v[i];
        v.erase(v.begin() + i);
        v.insert(v.begin(), e);
        return true;
    }

    bool Insert(Key key, uint64_t size, double) override
    {
        Erase(key);
        if (size > m_capacity)
        {
            return false;
        }
        while (used + size > m_capacity)
        {
            victims.push_back({v.back().key, v.back().size});
            used -= v.back().size;
            v.pop_back();
        }
        v.insert(v.begin(), Entry{key, size});
        used += size;
        return true;
    }
};

/// The GreedyDual family: evict the smallest (H, access), scanning every object.
class RefGreedyDual : public VectorReference
{
  public:
    RefGreedyDual(uint64_t capacity, GreedyDualPolicy::Variant variant)
        : VectorReference(capacity)
        , m_variant(variant)
    {}

    double Value(const Entry& e) const
    {
        const double s = double(std::max<uint64_t>(e.size, 1));
        switch (m_variant)
        {
        case GreedyDualPolicy::GDS1:
            return m_l + 1.0 / s;
        case GreedyDualPolicy::GDSLAT:
            return m_l + e.cost / s;
        case GreedyDualPolicy::GDSF:
            return m_l + double(e.frequency) / s;
        case GreedyDualPolicy::LFUDA:
            return m_l + double(e.frequency);
        case GreedyDualPolicy::CSP:
            return e.cost * double(e.frequency) / s;
        }
        return 0;
    }

    bool Exact() const
    {
        return m_variant == GreedyDualPolicy::GDS1 || m_variant == GreedyDualPolicy::GDSF
            || m_variant == GreedyDualPolicy::LFUDA;
    }

    boost::multiprecision::cpp_rational ExactValue(const Entry& e) const
    {
        using boost::multiprecision::cpp_rational;
        const cpp_rational s(std::max<uint64_t>(e.size, 1));
        switch (m_variant)
        {
        case GreedyDualPolicy::GDS1:
            return m_lx + cpp_rational(1) / s;
        case GreedyDualPolicy::GDSF:
            return m_lx + cpp_rational(e.frequency) / s;
        default:
            return m_lx + cpp_rational(e.frequency);
        }
    }

    bool Less(const Entry& a, const Entry& b) const
    {
        if (Exact())
        {
            return a.hx < b.hx || (a.hx == b.hx && a.access < b.access);
        }
        return a.h < b.h || (a.h == b.h && a.access < b.access);
    }

    bool Lookup(Key key) override
    {
        int i = Find(v, key);
        if (i < 0)
        {
            return false;
        }
        ++v[i].frequency;
        v[i].h = Value(v[i]);
        v[i].hx = Exact() ? ExactValue(v[i]) : 0;
        v[i].access = ++m_clock;
        return true;
    }

    bool Insert(Key key, uint64_t size, double cost) override
    {
        Erase(key);
        if (size > m_capacity)
        {
            return false;
        }
        while (used + size > m_capacity)
        {
            size_t m = 0;
            for (size_t i = 1; i < v.size(); ++i)
            {
                if (Less(v[i], v[m]))
                {
                    m = i;
                }
            }
            if (m_variant != GreedyDualPolicy::CSP)
            {
                m_l = v[m].h;
                m_lx = v[m].hx;
            }
            victims.push_back({v[m].key, v[m].size});
            used -= v[m].size;
            v.erase(v.begin() + m);
        }
        Entry e{key, size, cost};
        e.frequency = 1;
        e.h = Value(e);
        e.hx = Exact() ? ExactValue(e) : 0;
        e.access = ++m_clock;
        v.push_back(e);
        used += size;
        return true;
    }

  private:
    GreedyDualPolicy::Variant m_variant;
    double m_l{0};
    boost::multiprecision::cpp_rational m_lx{0}; //!< exact L
    uint64_t m_clock{0};
};

/// SIEVE: q[0] is the tail (oldest), q.back() the head; hand -1: start at the tail.
class RefSieve : public Reference
{
  public:
    using Reference::Reference;

    bool Lookup(Key key) override
    {
        int i = Find(q, key);
        if (i < 0)
        {
            return false;
        }
        q[i].visited = true;
        return true;
    }

    bool Insert(Key key, uint64_t size, double) override
    {
        Erase(key);
        if (size > m_capacity)
        {
            return false;
        }
        while (used + size > m_capacity)
        {
            int i = hand < 0 ? 0 : hand;
            while (q[i].visited)
            {
                q[i].visited = false;
                i = (i + 1) % int(q.size());
            }
            victims.push_back({q[i].key, q[i].size});
            used -= q[i].size;
            q.erase(q.begin() + i);
            hand = i < int(q.size()) ? i : -1;
        }
        q.push_back(Entry{key, size});
        used += size;
        return true;
    }

    void Erase(Key key) override
    {
        int i = Find(q, key);
        if (i < 0)
        {
            return;
        }
        used -= q[i].size;
        q.erase(q.begin() + i);
        if (i < hand)
        {
            --hand;
        }
        else if (i == hand && hand >= int(q.size()))
        {
            hand = -1;
        }
    }

    Contents GetContents() const override
    {
        return ContentsOf(q);
    }

    std::vector<Entry> q;
    int hand{-1};
};

/// S3-FIFO as libCacheSim's S3FIFO.c runs it: queues with [0] the tail (oldest).
class RefS3Fifo : public Reference
{
  public:
    explicit RefS3Fifo(uint64_t capacity)
        : Reference(capacity)
        , m_smallCapacity(uint64_t(double(capacity) * 0.1))
        , m_ghostCapacity(uint64_t(double(capacity) * 0.9))
    {}

    static uint64_t Charge(uint64_t size)
    {
        return std::max<uint64_t>(size, 1);
    }

    static uint64_t Bytes(const std::vector<Entry>& q)
    {
        uint64_t b = 0;
        for (const auto& e : q)
        {
            b += e.size;
        }
        return b;
    }

    bool Lookup(Key key) override
    {
        for (auto* q : {&small, &main})
        {
            int i = Find(*q, key);
            if (i >= 0)
            {
                (*q)[i].frequency = std::min<uint32_t>((*q)[i].frequency + 1, 3);
                return true;
            }
        }
        return false;
    }

    void Ghost(const Entry& e)
    {
        if (Charge(e.size) > m_ghostCapacity)
        {
            return;
        }
        uint64_t bytes = 0;
        for (const auto& g : ghost)
        {
            bytes += Charge(g.size);
        }
        while (bytes + Charge(e.size) > m_ghostCapacity)
        {
            bytes -= Charge(ghost.front().size);
            ghost.erase(ghost.begin());
        }
        ghost.push_back(Entry{e.key, e.size});
    }

    void EvictSmall()
    {
        while (Bytes(small) > 0)
        {
            Entry t = small.front();
            small.erase(small.begin());
            if (t.frequency > 1)
            {
                t.frequency = 0;
                main.push_back(t);
                continue;
            }
            used -= t.size;
            Ghost(t);
            victims.push_back({t.key, t.size});
            return;
        }
    }

    void EvictMain()
    {
        while (!main.empty())
        {
            Entry t = main.front();
            main.erase(main.begin());
            if (t.frequency > 0)
            {
                --t.frequency;
                main.push_back(t);
                continue;
            }
            used -= t.size;
            victims.push_back({t.key, t.size});
            return;
        }
    }

    bool Insert(Key key, uint64_t size, double) override
    {
        Erase(key);
        int g = Find(ghost, key);
        const bool toMain = g >= 0;
        if (toMain)
        {
            ghost.erase(ghost.begin() + g);
        }
        if (size > m_smallCapacity || (!toMain && size == m_smallCapacity))
        {
            return false;
        }
        while (used + size > m_capacity)
        {
            if (Bytes(main) > m_capacity - m_smallCapacity || Bytes(small) == 0)
            {
                EvictMain();
            }
            else
            {
                EvictSmall();
            }
        }
        (toMain ? main : small).push_back(Entry{key, size});
        used += size;
        return true;
    }

    void Erase(Key key) override
    {
        for (auto* q : {&small, &main})
        {
            int i = Find(*q, key);
            if (i >= 0)
            {
                used -= (*q)[i].size;
                q->erase(q->begin() + i);
            }
        }
    }

    Contents GetContents() const override
    {
        Contents c = ContentsOf(small);
        Contents m = ContentsOf(main);
        c.insert(m.begin(), m.end());
        return c;
    }

    std::vector<Entry> small;
    std::vector<Entry> main;
    std::vector<Entry> ghost;

  private:
    uint64_t m_smallCapacity;
    uint64_t m_ghostCapacity;
};

std::unique_ptr<Reference>
MakeReference(const std::string& name, uint64_t capacity)
{
    if (name == "LRU")
    {
        return std::make_unique<RefLru>(capacity);
    }
    if (name == "SIEVE")
    {
        return std::make_unique<RefSieve>(capacity);
    }
    if (name == "S3FIFO")
    {
        return std::make_unique<RefS3Fifo>(capacity);
    }
    const std::vector<std::pair<std::string, GreedyDualPolicy::Variant>> gd{
        {"LFU", GreedyDualPolicy::LFUDA},
        {"GDS1", GreedyDualPolicy::GDS1},
        {"GDSLAT", GreedyDualPolicy::GDSLAT},
        {"GDSF", GreedyDualPolicy::GDSF},
        {"CSP", GreedyDualPolicy::CSP}};
    for (const auto& [n, variant] : gd)
    {
        if (n == name)
        {
            return std::make_unique<RefGreedyDual>(capacity, variant);
        }
    }
    throw std::invalid_argument("no reference for " + name);
}

/// How the random tests' key numbers 0..n-1 become policy keys (the node tables' two stores:
/// ObjectTable, DirectNodeTable).
enum class KeyMap
{
    DENSE,   //!< k: the key-indexed array
    SPARSE,  //!< k x a large odd number: the hash map (and ObjectTable's pool)
    STRIDED, //!< 60000 + 37 k: around the array's size limit; as the array grows it covers
             //!< keys first put in the hash map (DirectNodeTable moves them into the array,
             //!< ObjectTable leaves them in its pool)
};

/// \return the policy key of key number k
Key
MapKey(KeyMap map, Key k)
{
    switch (map)
    {
    case KeyMap::SPARSE:
        return k * 0x9E3779B97F4A7C15ULL + 1;
    case KeyMap::STRIDED:
        return 60000 + 37 * k;
    case KeyMap::DENSE:
        break;
    }
    return k;
}

/// Contents of a policy, from Contains over the keys used.
Contents
ContentsOf(const ReplacementPolicy& p,
           const std::vector<uint64_t>& sizes,
           KeyMap map = KeyMap::DENSE)
{
    Contents c;
    for (Key k = 0; k < sizes.size(); ++k)
    {
        if (p.Contains(MapKey(map, k)))
        {
            c.insert({MapKey(map, k), sizes[k]});
        }
    }
    return c;
}

struct RandomCase
{
    std::string policy;
    uint32_t seed;
    KeyMap map{KeyMap::DENSE};
};

/// \return the key mapping's name in test names
std::string
MapName(KeyMap map)
{
    return map == KeyMap::SPARSE ? "_sparse" : map == KeyMap::STRIDED ? "_strided" : "";
}

void
PrintTo(const RandomCase& c, std::ostream* os)
{
    *os << c.policy << " seed " << c.seed << MapName(c.map);
}

class PolicyVsReference : public ::testing::TestWithParam<RandomCase>
{};

// Random operations: lookups of skewed keys, an insert after each miss, some re-inserts of
// cached keys with a new size, some erases; sizes from 0 to beyond the capacity; costs from
// a few values so that GreedyDual values tie often.
TEST_P(PolicyVsReference, SameHitsVictimsAndContents)
{
    const RandomCase& c = GetParam();
    std::mt19937_64 rng(c.seed);
    const uint64_t capacity = 200 + rng() % 800;
    const Key keys = 40 + rng() % 160;
    auto policy = CreateReplacementPolicy(c.policy, capacity);
    auto ref = MakeReference(c.policy, capacity);
    Victims victims;
    policy->SetEvictCallback([&victims](Key k, uint64_t s) { victims.push_back({k, s}); });

    std::vector<uint64_t> sizes(keys);
    auto drawSize = [&rng, capacity]() -> uint64_t
    {
        const unsigned kind = rng() % 20;
        if (kind == 0)
        {
            return 0;
        }
        if (kind == 1)
        {
            return capacity + 1 + rng() % 100; // never admitted
        }
        if (kind == 2)
        {
            // Up to the capacity itself; otherwise multiples of 50, so that the GreedyDual
            // policies' common denominator stays small and their values exact (checked).
            const uint64_t big = capacity / 2 + rng() % (capacity / 2 + 1);
            return big == capacity ? big : big / 50 * 50;
        }
        return 1 + rng() % 8 * 10; // few distinct sizes: ties
    };
    for (auto& s : sizes)
    {
        s = drawSize();
    }
    const double costs[] = {1.0, 0.5, 2.0, 0.25, 0.0};
    std::geometric_distribution<Key> skew(0.05);
    uint64_t hits = 0;
    for (int step = 0; step < 3000; ++step)
    {
        const Key n = std::min<Key>(skew(rng), keys - 1);
        const Key k = MapKey(c.map, n);
        const unsigned op = rng() % 100;
        SCOPED_TRACE("step " + std::to_string(step) + " key " + std::to_string(k));
        if (op < 5)
        {
            policy->Erase(k);
            ref->Erase(k);
        }
        else if (op < 10)
        {
            // A new version of the object, whether cached or not.
            sizes[n] = drawSize();
            const double cost = costs[rng() % 5];
            const bool in = policy->Insert(k, sizes[n], cost);
            ASSERT_EQ(in, ref->Insert(k, sizes[n], cost));
            ASSERT_TRUE(c.policy == "S3FIFO" || in == (sizes[n] <= capacity)); // S3FIFO: S
        }
        else
        {
            const bool hit = policy->Lookup(k);
            ASSERT_EQ(hit, ref->Lookup(k));
            hits += hit;
            if (!hit)
            {
                const double cost = costs[rng() % 5];
                const uint64_t before = policy->GetUsedBytes();
                const size_t firstVictim = victims.size();
                const bool in = policy->Insert(k, sizes[n], cost);
                ASSERT_EQ(in, ref->Insert(k, sizes[n], cost));
                ASSERT_TRUE(c.policy == "S3FIFO" || in == (sizes[n] <= capacity));
                uint64_t freed = 0;
                for (size_t i = firstVictim; i < victims.size(); ++i)
                {
                    freed += victims[i].second;
                }
                ASSERT_EQ(policy->GetUsedBytes(), before - freed + (in ? sizes[n] : 0));
            }
        }
        ASSERT_EQ(victims, ref->victims);
        const auto* gd = dynamic_cast<const GreedyDualPolicy*>(policy.get());
        ASSERT_TRUE(gd == nullptr || gd->IsExact() || c.policy == "GDSLAT"
                    || c.policy == "CSP"); // the reference is exact
        ASSERT_LE(policy->GetUsedBytes(), capacity);
        ASSERT_EQ(policy->GetUsedBytes(), ref->used);
        const Contents contents = ContentsOf(*policy, sizes, c.map);
        ASSERT_EQ(contents, ref->GetContents());
        ASSERT_EQ(policy->GetObjectCount(), contents.size());
        uint64_t bytes = 0;
        for (const auto& e : contents)
        {
            bytes += e.second;
        }
        ASSERT_EQ(bytes, policy->GetUsedBytes());
    }
    // The sequence must exercise both hits and evictions, or the comparison proves little.
    EXPECT_GT(hits, 300u);
    // S3-FIFO refuses objects larger than its small queue (10 % of the capacity): fewer
    // insertions, fewer victims.
    EXPECT_GT(victims.size(), c.policy == "S3FIFO" ? 40u : 100u);
}

std::vector<RandomCase>
RandomCases()
{
    std::vector<RandomCase> cases;
    for (const auto& name : GetReplacementPolicyNames())
    {
        for (uint32_t seed = 1; seed <= 4; ++seed)
        {
            cases.push_back({name, seed});
        }
        cases.push_back({name, 5, KeyMap::SPARSE});
        cases.push_back({name, 6, KeyMap::STRIDED});
    }
    return cases;
}

INSTANTIATE_TEST_SUITE_P(AllPolicies,
                         PolicyVsReference,
                         ::testing::ValuesIn(RandomCases()),
                         [](const ::testing::TestParamInfo<RandomCase>& info)
                         {
                             return info.param.policy + "_seed" + std::to_string(info.param.seed)
                                  + MapName(info.param.map);
                         });

// ObjectTable against a std::map on random adds and removes over keys that start beyond the
// array's limit and come within it as the table fills (their pool nodes stay in the pool, as
// their node numbers must not change, and are found through the hash map), and keys that
// always stay in the pool.
/// A key in the direct array, just beyond it (it grows), or far beyond (hash map side).
inline Key
DrawMixedKey(std::mt19937_64& rng)
{
    switch (rng() % 3)
    {
    case 0:
        return rng() % 1000;
    case 1:
        return 60000 + rng() % 200000;
    default:
        return (Key(1) << 40) + rng() % 1000;
    }
}

TEST(ObjectTable, MatchesAMapAcrossArrayGrowth)
{
    struct Node
    {
        Key key{0};
        uint64_t payload{0};
    };

    ObjectTable<Node> table;
    std::map<Key, uint64_t> ref;
    std::mt19937_64 rng(11);
    auto drawKey = [&rng]()
    {
        return DrawMixedKey(rng);
    };
    for (int step = 0; step < 60000; ++step)
    {
        const Key k = drawKey();
        // Mostly adds, so that the table grows to thousands of nodes.
        const bool add = rng() % 4 != 0;
        auto it = ref.find(k);
        if (add && it == ref.end())
        {
            const uint32_t slot = table.Add(k);
            table.At(slot).payload = uint64_t(step);
            ref[k] = uint64_t(step);
            ASSERT_EQ(table.Slot(k), slot);
        }
        else if (!add && it != ref.end())
        {
            table.Remove(k);
            ref.erase(it);
        }
        const Node* n = table.Find(k);
        ASSERT_EQ(n != nullptr, ref.count(k) > 0) << "step " << step << " key " << k;
        if (n != nullptr)
        {
            ASSERT_EQ(n->key, k);
            ASSERT_EQ(n->payload, ref[k]);
        }
        ASSERT_EQ(table.Size(), ref.size());
    }
    ASSERT_GT(ref.size(), 10000u);
    // Every key still found, with its own node; ForEach visits each once.
    for (const auto& [k, payload] : ref)
    {
        const Node* n = table.Find(k);
        ASSERT_NE(n, nullptr) << k;
        EXPECT_EQ(n->payload, payload);
    }
    size_t visited = 0;
    table.ForEach(
        [&](uint32_t slot, Node& n)
        {
            ++visited;
            EXPECT_EQ(table.Slot(n.key), slot);
            EXPECT_EQ(ref.at(n.key), n.payload);
        });
    EXPECT_EQ(visited, ref.size());
}

// DirectNodeTable (nodes in place by key) against a std::map, over the same three kinds of
// keys: dense ones in the array, ones moved from the hash map into the array as it grows,
// and ones that always stay in the hash map.
TEST(DirectNodeTable, MatchesAMapAcrossArrayGrowth)
{
    struct Node
    {
        uint64_t payload{0}; //!< 0: a free slot

        bool Held() const
        {
            return payload != 0;
        }
    };

    DirectNodeTable<Node> table;
    std::map<Key, uint64_t> ref;
    std::mt19937_64 rng(12);
    auto drawKey = [&rng]()
    {
        return DrawMixedKey(rng);
    };
    for (uint64_t step = 1; step <= 60000; ++step)
    {
        const Key k = drawKey();
        const bool add = rng() % 4 != 0;
        auto it = ref.find(k);
        if (add && it == ref.end())
        {
            ASSERT_EQ(table.Find(k), nullptr);
            table.Add(k).payload = step;
            ref[k] = step;
        }
        else if (!add && it != ref.end())
        {
            table.Remove(k);
            ref.erase(it);
        }
        const Node* n = table.Find(k);
        ASSERT_EQ(n != nullptr, ref.count(k) > 0) << "step " << step << " key " << k;
        if (n != nullptr)
        {
            ASSERT_EQ(n->payload, ref[k]);
        }
        ASSERT_EQ(table.Size(), ref.size());
    }
    ASSERT_GT(ref.size(), 10000u);
    for (const auto& [k, payload] : ref)
    {
        const Node* n = table.Find(k);
        ASSERT_NE(n, nullptr) << k;
        EXPECT_EQ(n->payload, payload);
    }
}

/// A request sequence over keys with a skewed popularity.
std::vector<Key>
SkewedKeys(uint32_t seed, size_t n, Key keys)
{
    std::mt19937_64 rng(seed);
    std::geometric_distribution<Key> skew(0.03);
    std::vector<Key> seq(n);
    for (auto& k : seq)
    {
        k = std::min<Key>(skew(rng), keys - 1);
    }
    return seq;
}

TEST(ReplacementPolicy, LruStackInclusionWithEqualSizes)
{
    const uint64_t size = 100;
    std::vector<std::unique_ptr<ReplacementPolicy>> caches;
    for (uint64_t slots = 1; slots <= 12; ++slots)
    {
        caches.push_back(CreateReplacementPolicy("LRU", slots * size));
    }
    std::vector<uint64_t> hits(caches.size());
    const auto seq = SkewedKeys(7, 5000, 150);
    std::vector<uint64_t> sizes(150, size);
    for (size_t step = 0; step < seq.size(); ++step)
    {
        for (size_t c = 0; c < caches.size(); ++c)
        {
            const bool hit = caches[c]->Lookup(seq[step]);
            hits[c] += hit;
            if (!hit)
            {
                caches[c]->Insert(seq[step], size);
            }
        }
        for (size_t c = 0; c + 1 < caches.size(); ++c)
        {
            const Contents small = ContentsOf(*caches[c], sizes);
            const Contents large = ContentsOf(*caches[c + 1], sizes);
            ASSERT_TRUE(std::includes(large.begin(), large.end(), small.begin(), small.end()))
                << "step " << step << ", " << c + 1 << " vs " << c + 2 << " slots";
        }
    }
    for (size_t c = 0; c + 1 < caches.size(); ++c)
    {
        EXPECT_LE(hits[c], hits[c + 1]);
    }
    EXPECT_LT(hits.front(), hits.back());
}

TEST(ReplacementPolicy, Gds1EqualsLruWithEqualSizes)
{
    for (uint32_t seed = 1; seed <= 3; ++seed)
    {
        for (uint64_t slots : {1, 5, 20})
        {
            auto lru = CreateReplacementPolicy("LRU", slots * 512);
            auto gds = CreateReplacementPolicy("gds1", slots * 512);
            uint64_t hits = 0;
            for (Key k : SkewedKeys(seed, 4000, 100))
            {
                const bool hit = lru->Lookup(k);
                ASSERT_EQ(hit, gds->Lookup(k));
                hits += hit;
                if (!hit)
                {
                    lru->Insert(k, 512);
                    gds->Insert(k, 512, 3.0);
                }
            }
            EXPECT_GT(hits, 0u);
        }
    }
}

TEST(ReplacementPolicy, NeverAdmitsObjectsLargerThanTheCache)
{
    for (const auto& name : GetReplacementPolicyNames())
    {
        if (name == "S3FIFO")
        {
            continue; // admits only objects smaller than its small queue (S3FifoAdmission)
        }
        auto p = CreateReplacementPolicy(name, 1000);
        EXPECT_TRUE(p->Insert(1, 600));
        EXPECT_FALSE(p->Insert(2, 1001)) << name;
        EXPECT_FALSE(p->Contains(2)) << name;
        EXPECT_TRUE(p->Contains(1)) << name << ": a refused object must not evict";
        EXPECT_TRUE(p->Insert(3, 1000)) << name << ": exactly the capacity fits";
        EXPECT_FALSE(p->Contains(1)) << name;
        // A new version too large for the cache removes the old copy.
        EXPECT_FALSE(p->Insert(3, 5000)) << name;
        EXPECT_FALSE(p->Contains(3)) << name;
        EXPECT_EQ(p->GetUsedBytes(), 0u) << name;
        EXPECT_EQ(p->GetObjectCount(), 0u) << name;
        auto empty = CreateReplacementPolicy(name, 0);
        EXPECT_FALSE(empty->Insert(1, 1)) << name;
        EXPECT_TRUE(empty->Insert(2, 0)) << name;
    }
}

TEST(ReplacementPolicy, EvictCallbackReportsEveryVictimWithItsSize)
{
    for (const auto& name : GetReplacementPolicyNames())
    {
        auto p = CreateReplacementPolicy(name, 1000);
        std::vector<std::pair<Key, uint64_t>> victims;
        p->SetEvictCallback([&victims](Key k, uint64_t s) { victims.push_back({k, s}); });
        // Objects of 10..19 bytes: below S3-FIFO's small queue (100 bytes), so all admitted.
        auto size = [](Key k) -> uint64_t
        {
            return 10 + k % 10;
        };
        for (Key k = 0; k < 100; ++k)
        {
            ASSERT_TRUE(p->Insert(k, size(k))) << name;
        }
        // 1450 bytes were inserted into 1000: at least one victim.
        EXPECT_FALSE(victims.empty()) << name;
        uint64_t left = 0;
        for (Key k = 0; k < 100; ++k)
        {
            if (p->Contains(k))
            {
                left += size(k);
            }
        }
        uint64_t evicted = 0;
        for (const auto& [k, s] : victims)
        {
            EXPECT_EQ(s, size(k)) << name;
            EXPECT_FALSE(p->Contains(k)) << name;
            evicted += s;
        }
        EXPECT_EQ(left + evicted, 1450u) << name;
        EXPECT_EQ(left, p->GetUsedBytes()) << name;
        // Erase and a refused Insert call nothing.
        const size_t n = victims.size();
        p->Erase(9);
        p->Insert(11, 2000);
        EXPECT_EQ(victims.size(), n) << name;
    }
}

TEST(ReplacementPolicy, FactoryNamesAndErrors)
{
    for (const auto& name : GetReplacementPolicyNames())
    {
        EXPECT_EQ(CreateReplacementPolicy(name, 10)->GetName(), name);
        std::string lower = name;
        std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
        EXPECT_EQ(CreateReplacementPolicy(lower, 10)->GetName(), name);
        EXPECT_EQ(CreateReplacementPolicy(lower, 10)->GetCapacity(), 10u);
    }
    try
    {
        CreateReplacementPolicy("LRU-K", 10);
        FAIL() << "no exception";
    }
    catch (const std::invalid_argument& e)
    {
        EXPECT_EQ(std::string(e.what()),
                  "unknown replacement policy 'LRU-K' (valid: LRU, LFU, GDS1, GDSLAT, GDSF, CSP, "
                  "SIEVE, S3FIFO)");
    }
}

// Many replacements leave dead heap entries behind until the heap is rebuilt (once they
// outnumber the objects by 1024): the victims must still match the reference.
// Also with the access counter renumbered every 100 accesses (normally every 4 G).
TEST(ReplacementPolicy, GreedyDualMatchesReferenceAcrossHeapRebuilds)
{
    for (const char* name : {"GDS1", "GDSF", "LFU", "CSP", "GDS1-renumbered", "GDSF-renumbered"})
    {
        const std::string variant = name;
        const bool renumbered = variant.find("-renumbered") != std::string::npos;
        const std::string policyName = variant.substr(0, variant.find('-'));
        auto policy = CreateReplacementPolicy(policyName, 1000);
        if (renumbered)
        {
            dynamic_cast<GreedyDualPolicy&>(*policy).SetAccessLimit(100);
        }
        auto ref = MakeReference(policyName, 1000);
        Victims victims;
        policy->SetEvictCallback([&victims](Key k, uint64_t s) { victims.push_back({k, s}); });
        std::mt19937_64 rng(3);
        for (int step = 0; step < 20000; ++step)
        {
            const Key k = rng() % 30;
            const uint64_t size = 10 + rng() % 90;
            const double cost = double(rng() % 3);
            if (rng() % 3 == 0)
            {
                ASSERT_EQ(policy->Lookup(k), ref->Lookup(k)) << name << " step " << step;
            }
            else if (rng() % 4 == 0)
            {
                policy->Erase(k);
                ref->Erase(k);
            }
            else
            {
                ASSERT_EQ(policy->Insert(k, size, cost), ref->Insert(k, size, cost));
            }
        }
        EXPECT_EQ(victims, ref->victims) << name;
        EXPECT_GT(victims.size(), 1000u) << name;
        EXPECT_EQ(policy->GetUsedBytes(), ref->used) << name;
    }
}

// LRU's access queue: many hits over few objects make it compact often (dead entries beyond
// 4 per object + 1024), and with the access counter renumbered every 100 (or 1000) accesses
// (normally every 4 G) the objects are renumbered in the middle of hits and inserts. The
// victims must still match the reference.
TEST(ReplacementPolicy, LruMatchesReferenceAcrossCompactionAndRenumbering)
{
    for (uint32_t limit : {0u, 100u, 1000u})
    {
        LruPolicy policy(1000);
        if (limit != 0)
        {
            policy.SetAccessLimit(limit);
        }
        auto ref = MakeReference("LRU", 1000);
        Victims victims;
        policy.SetEvictCallback([&victims](Key k, uint64_t s) { victims.push_back({k, s}); });
        std::mt19937_64 rng(4);
        uint64_t hits = 0;
        for (int step = 0; step < 40000; ++step)
        {
            const Key k = rng() % 40;
            const uint64_t size = 10 + rng() % 90;
            const unsigned op = rng() % 20;
            if (op < 16)
            {
                const bool hit = policy.Lookup(k);
                ASSERT_EQ(hit, ref->Lookup(k)) << "limit " << limit << " step " << step;
                hits += hit;
            }
            else if (op < 17)
            {
                policy.Erase(k);
                ref->Erase(k);
            }
            else
            {
                ASSERT_EQ(policy.Insert(k, size), ref->Insert(k, size, 1.0));
            }
            ASSERT_EQ(policy.GetUsedBytes(), ref->used) << "limit " << limit << " step " << step;
        }
        EXPECT_EQ(victims, ref->victims) << "limit " << limit;
        EXPECT_GT(victims.size(), 1000u);
        EXPECT_GT(hits, 10000u);
    }
}

// LRU keeps 32-bit sizes in its nodes and larger ones aside: objects around and beyond
// 4 GiB must be accounted and evicted as the reference does.
TEST(ReplacementPolicy, LruSizesOf4GiBAndMore)
{
    const uint64_t gib = uint64_t(1) << 30;
    const uint64_t sizes[] = {1000, 4 * gib - 2, 4 * gib - 1, 4 * gib, 5 * gib + 7, 9 * gib};
    LruPolicy policy(20 * gib);
    auto ref = MakeReference("LRU", 20 * gib);
    Victims victims;
    policy.SetEvictCallback([&victims](Key k, uint64_t s) { victims.push_back({k, s}); });
    std::mt19937_64 rng(9);
    for (int step = 0; step < 5000; ++step)
    {
        const Key k = rng() % 30;
        if (rng() % 8 == 0)
        {
            policy.Erase(k);
            ref->Erase(k);
        }
        else if (!policy.Lookup(k))
        {
            ASSERT_FALSE(ref->Lookup(k)) << "step " << step;
            const uint64_t size = sizes[rng() % 6];
            ASSERT_EQ(policy.Insert(k, size), ref->Insert(k, size, 1.0));
        }
        else
        {
            ASSERT_TRUE(ref->Lookup(k)) << "step " << step;
        }
        ASSERT_EQ(policy.GetUsedBytes(), ref->used) << "step " << step;
    }
    EXPECT_EQ(victims, ref->victims);
    EXPECT_GT(victims.size(), 500u);
}

// The same request sequence with dense keys (nodes in LRU's key-indexed array) and with the
// keys spread over 64 bits (the hash map fallback): the same hits and the same victims.
TEST(ReplacementPolicy, LruDenseAndSparseKeysGiveIdenticalHits)
{
    const auto seq = SkewedKeys(7, 50000, 5000);
    auto spread = [](Key k)
    {
        return k * 0x9E3779B97F4A7C15ULL + 1;
    };
    LruPolicy dense(3000);
    LruPolicy sparse(3000);
    Victims a;
    Victims b;
    dense.SetEvictCallback([&a](Key k, uint64_t s) { a.push_back({k, s}); });
    sparse.SetEvictCallback([&b](Key k, uint64_t s) { b.push_back({k, s}); });
    uint64_t hits = 0;
    for (const Key k : seq)
    {
        const bool hit = dense.Lookup(k);
        ASSERT_EQ(hit, sparse.Lookup(spread(k)));
        hits += hit;
        if (!hit)
        {
            const uint64_t size = 20 + k % 200;
            dense.Insert(k, size);
            sparse.Insert(spread(k), size);
        }
    }
    ASSERT_EQ(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i)
    {
        ASSERT_EQ(spread(a[i].first), b[i].first) << "victim " << i;
        ASSERT_EQ(a[i].second, b[i].second) << "victim " << i;
    }
    EXPECT_GT(hits, 10000u);
    EXPECT_GT(a.size(), 1000u);
    EXPECT_EQ(dense.GetObjectCount(), sparse.GetObjectCount());
    EXPECT_EQ(dense.GetUsedBytes(), sparse.GetUsedBytes());
}

TEST(ReplacementPolicy, GreedyDualValuesAndInflation)
{
    // GDS(1): H = L + 1/size; L becomes the victim's H.
    GreedyDualPolicy gds(300, GreedyDualPolicy::GDS1);
    gds.Insert(1, 100);
    gds.Insert(2, 200);
    EXPECT_DOUBLE_EQ(gds.GetValue(2), 1.0 / 200);
    gds.Insert(3, 100); // evicts 2 (smallest H)
    EXPECT_FALSE(gds.Contains(2));
    EXPECT_DOUBLE_EQ(gds.GetInflation(), 1.0 / 200);
    EXPECT_DOUBLE_EQ(gds.GetValue(3), 1.0 / 200 + 1.0 / 100);
    // GDSF: a hit adds frequency.
    GreedyDualPolicy gdsf(1000, GreedyDualPolicy::GDSF);
    gdsf.Insert(1, 10);
    gdsf.Lookup(1);
    EXPECT_DOUBLE_EQ(gdsf.GetValue(1), 2.0 / 10);
    // LFU-DA: K = L + frequency; of equal K the least recently used goes.
    GreedyDualPolicy lfu(200, GreedyDualPolicy::LFUDA);
    lfu.Insert(1, 100);
    lfu.Insert(2, 100);
    lfu.Insert(3, 100);
    EXPECT_FALSE(lfu.Contains(1));
    EXPECT_DOUBLE_EQ(lfu.GetInflation(), 1.0);
    // CSP: cost * frequency / size, no aging.
    GreedyDualPolicy csp(1000, GreedyDualPolicy::CSP);
    csp.Insert(1, 100, 0.5);
    csp.Lookup(1);
    EXPECT_DOUBLE_EQ(csp.GetValue(1), 0.5 * 2 / 100);
    EXPECT_THROW(csp.Insert(2, 10, -1.0), std::invalid_argument);
    EXPECT_FALSE(csp.Contains(2));
}

// The rules of S3-FIFO (Yang et al., SOSP 2023, Algorithm 1; libCacheSim's S3FIFO.c) worked
// by hand on a cache of 20 bytes and objects of 1 byte: S = floor(0.1 * 20) = 2 bytes (an
// object of S's size would not be admitted), M's share 18 bytes, G 18 bytes.
TEST(ReplacementPolicy, S3FifoSmallQueueEvictionFollowsThePaper)
{
    S3FifoPolicy p(20);
    for (Key k = 1; k <= 20; ++k)
    {
        ASSERT_TRUE(p.Insert(k, 1)); // all to S (no ghost hit); no eviction: 20 bytes fit
    }
    EXPECT_EQ(p.GetSmallBytes(), 20u);
    p.Lookup(1); // freq 1
    p.Lookup(2);
    p.Lookup(2); // freq 2
    // Insert 21: the cache is full; M (0 bytes) is within its share and S is not empty, so
    // evict from S. Tail 1 has freq 1: not > 1, so 1 is evicted to G (a single hit does not
    // promote).
    p.Insert(21, 1);
    EXPECT_FALSE(p.Contains(1));
    EXPECT_TRUE(p.Contains(2));
    EXPECT_EQ(p.GetGhostCount(), 1u);
    EXPECT_EQ(p.GetMainBytes(), 0u);
    // Insert 22: tail 2 has freq 2 > 1: it moves to M with freq 0, and the next tail 3
    // (freq 0) is evicted to G.
    p.Insert(22, 1);
    EXPECT_TRUE(p.Contains(2));
    EXPECT_FALSE(p.Contains(3));
    EXPECT_EQ(p.GetMainBytes(), 1u);
    EXPECT_EQ(p.GetSmallBytes(), 19u); // 4..22
    EXPECT_EQ(p.GetGhostCount(), 2u);
    // Insert 1 again: its key is in G, so it leaves G and goes to M; S's tail 4 is evicted.
    p.Insert(1, 1);
    EXPECT_TRUE(p.Contains(1));
    EXPECT_FALSE(p.Contains(4));
    EXPECT_EQ(p.GetMainBytes(), 2u);
    EXPECT_EQ(p.GetGhostCount(), 2u); // 3 and 4
}

TEST(ReplacementPolicy, S3FifoMainQueueAndAdmission)
{
    // 100 bytes: S 10, M's share 90, G 90. Objects of 10 bytes: S holds one at its size.
    S3FifoPolicy p(100);
    EXPECT_FALSE(p.Insert(1, 11)) << "larger than S: never admitted";
    EXPECT_FALSE(p.Insert(1, 10)) << "S's size, not from the ghost: not admitted";
    EXPECT_EQ(p.GetObjectCount(), 0u);
    for (Key k = 1; k <= 10; ++k)
    {
        p.Insert(k, 9); // 90 bytes in S
    }
    for (Key k = 1; k <= 10; ++k)
    {
        p.Lookup(k);
        p.Lookup(k); // freq 2 each
    }
    // Insert 11 (9 bytes): 99 bytes; fits. Insert 12: evict from S: 1..10 all move to M
    // (freq > 1) with freq 0, then S holds only 11 (freq 0), evicted to G.
    p.Insert(11, 9);
    p.Insert(12, 9);
    EXPECT_FALSE(p.Contains(11));
    EXPECT_EQ(p.GetMainBytes(), 90u);
    EXPECT_EQ(p.GetSmallBytes(), 9u);
    // A hit in M: freq 1. Insert 13: M is at its share (90, not above), S is not empty:
    // evict from S: 12 (freq 0) to G.
    p.Lookup(1);
    p.Insert(13, 9);
    EXPECT_FALSE(p.Contains(12));
    // Insert 11 from the ghost to M: M = 99 bytes, above its share. Then insert 14: evict
    // from M: tail 1 (freq 1) is reinserted with freq 0, then tail 2 (freq 0) is evicted.
    p.Insert(11, 9); // 13 evicted from S to make room (M within its share before)
    EXPECT_FALSE(p.Contains(13));
    EXPECT_EQ(p.GetMainBytes(), 99u);
    p.Insert(14, 9);
    EXPECT_TRUE(p.Contains(1));
    EXPECT_FALSE(p.Contains(2));
    EXPECT_TRUE(p.Contains(14));
}

// Exact GreedyDual priorities: 1/30 + 1/6 = 1/5 exactly, but in doubles 1/30 + 1/6 rounds to
// 0.19999999999999998 < 0.2. Cache of 40 bytes: X (5 bytes, H = 1/5), V (30 bytes, H = 1/30);
// inserting Y (6 bytes) evicts V (L = 1/30), and Y gets H = 1/30 + 1/6 = 1/5, equal to X's.
// Inserting Z (30 bytes) must evict one of them: the tie rule evicts the least recently used,
// X. Floating point evicted Y.
TEST(ReplacementPolicy, GreedyDualPrioritiesAreExact)
{
    for (auto variant : {GreedyDualPolicy::GDS1, GreedyDualPolicy::GDSF})
    {
        GreedyDualPolicy p(40, variant);
        const Key x = 1;
        const Key v = 2;
        const Key y = 3;
        const Key z = 4;
        p.Insert(x, 5);
        p.Insert(v, 30);
        p.Insert(y, 6);
        EXPECT_FALSE(p.Contains(v));
        EXPECT_TRUE(p.IsExact());
        p.Insert(z, 30);
        EXPECT_FALSE(p.Contains(x)) << "equal H: the least recently used goes";
        EXPECT_TRUE(p.Contains(y));
        EXPECT_TRUE(p.Contains(z));
        EXPECT_DOUBLE_EQ(p.GetInflation(), 0.2);
    }
}

TEST(ReplacementPolicy, GreedyDualFallsBackToDoublesWhenSizesShareNoFactors)
{
    // Sizes that are primes above 2^16: their product (D) passes 2^192 bits at the 12th
    // (193 bits); from there on the values are doubles.
    GreedyDualPolicy p(1 << 20, GreedyDualPolicy::GDSF);
    std::vector<uint64_t> primes;
    for (uint64_t n = 65537; primes.size() < 20; n += 2)
    {
        bool prime = true;
        for (uint64_t d = 3; d * d <= n; d += 2)
        {
            prime = prime && n % d != 0;
        }
        if (prime)
        {
            primes.push_back(n);
        }
    }
    for (size_t i = 0; i < primes.size(); ++i)
    {
        p.Insert(i, primes[i]);
        EXPECT_EQ(p.IsExact(), i < 11) << "after " << i + 1 << " sizes";
    }
    // Object 0 (the smallest, largest H) outlives the evictions; its value survived the
    // conversion.
    EXPECT_NEAR(p.GetValue(0), 1.0 / 65537, 1e-18);
    EXPECT_LE(p.GetUsedBytes(), uint64_t(1) << 20);
}

// Prefetch is a hint: a replay with it gives the same hits as one without, for every policy.
TEST(ReplacementPolicy, PrefetchChangesNothing)
{
    const auto seq = SkewedKeys(5, 20000, 3000);
    for (const auto& name : GetReplacementPolicyNames())
    {
        auto plain = CreateReplacementPolicy(name, 4000);
        auto hinted = CreateReplacementPolicy(name, 4000);
        Victims a;
        Victims b;
        plain->SetEvictCallback([&a](Key k, uint64_t s) { a.push_back({k, s}); });
        hinted->SetEvictCallback([&b](Key k, uint64_t s) { b.push_back({k, s}); });
        uint64_t hits = 0;
        for (size_t i = 0; i < seq.size(); ++i)
        {
            hinted->Prefetch(seq[std::min(i + 12, seq.size() - 1)]);
            const bool hit = plain->Lookup(seq[i]);
            ASSERT_EQ(hit, hinted->Lookup(seq[i])) << name << " request " << i;
            hits += hit;
            if (!hit)
            {
                const uint64_t size = 50 + seq[i] % 300;
                plain->Insert(seq[i], size, 0.1);
                hinted->Insert(seq[i], size, 0.1);
            }
        }
        EXPECT_EQ(a, b) << name;
        EXPECT_GT(hits, 1000u) << name;
        EXPECT_GT(a.size(), 1000u) << name;
    }
}

} // namespace
