/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The GoogleTest cases as ns-3 TestSuites, so that ./test.py in an ns-3 tree runs them:
 * one suite per subsystem ("web-proxy-http", "web-proxy-depot", ...), one ns-3 TestCase per
 * GoogleTest case, the subsystem taken from the folder of the case's source file
 * (test/<subsystem>/...).
 */
#include "ns3/test.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

/// The folders of test/ that hold GoogleTest cases, one ns-3 suite each.
const char* const SUBSYSTEMS[] = {"http",
                                  "workload",
                                  "cache",
                                  "endpoints",
                                  "scenario",
                                  "proxy",
                                  "depot",
                                  "placement",
                                  "socks",
                                  "edge",
                                  "dns"};

/// Runs one GoogleTest case (by its full name) and fails when it fails.
class GoogleTestCase : public TestCase
{
  public:
    /// \param name full name of the GoogleTest case ("Suite.Case" or "Prefix/Suite.Case/N")
    explicit GoogleTestCase(const std::string& name)
        : TestCase(DisplayName(name))
        , m_name(name)
    {}

  private:
    /**
     * ns-3 test names may not contain '/', which parameterized GoogleTest names do.
     * \param name full GoogleTest name
     * \return the name with ':' for '/'
     */
    static std::string DisplayName(std::string name)
    {
        for (char& c : name)
        {
            c = (c == '/') ? ':' : c;
        }
        return name;
    }

  private:
    void DoRun() override
    {
        ::testing::GTEST_FLAG(filter) = m_name;
        const int failed = RUN_ALL_TESTS();
        NS_TEST_ASSERT_MSG_EQ(failed, 0, "GoogleTest case " << m_name << " failed");
        NS_TEST_ASSERT_MSG_EQ(::testing::UnitTest::GetInstance()->test_to_run_count(),
                              1,
                              "filter " << m_name << " did not select exactly one case");
    }

    std::string m_name; //!< the GoogleTest case
};

/**
 * The GoogleTest cases of one subsystem. GoogleTest registers its cases in static
 * initializers of other translation units, whose order against this one's is unspecified:
 * the cases are therefore looked up when the suite runs (DoSetup runs before the children),
 * not when it is constructed.
 */
class GoogleTestSuite : public TestSuite
{
  public:
    /// \param subsystem folder of test/ whose cases this suite runs
    explicit GoogleTestSuite(const std::string& subsystem)
        : TestSuite("web-proxy-" + subsystem, TestSuite::Type::UNIT)
        , m_folder("/test/" + subsystem + "/")
    {}

  private:
    void DoSetup() override
    {
        static bool initialised = false;
        if (!initialised)
        {
            int argc = 1;
            char name[] = "web-proxy-tests";
            char* argv[] = {name, nullptr};
            ::testing::InitGoogleTest(&argc, argv);
            initialised = true;
        }
        const ::testing::UnitTest* unit = ::testing::UnitTest::GetInstance();
        for (int s = 0; s < unit->total_test_suite_count(); ++s)
        {
            const ::testing::TestSuite* suite = unit->GetTestSuite(s);
            for (int c = 0; c < suite->total_test_count(); ++c)
            {
                const ::testing::TestInfo* info = suite->GetTestInfo(c);
                if (std::string(info->file()).find(m_folder) != std::string::npos)
                {
                    AddTestCase(new GoogleTestCase(std::string(info->test_suite_name()) + "."
                                                   + info->name()));
                }
            }
        }
    }

    std::string m_folder; //!< "/test/<subsystem>/"
};

/// One suite per subsystem, registered with ns-3's test runner at load time.
struct Registrar
{
    Registrar()
    {
        for (const char* s : SUBSYSTEMS)
        {
            suites.emplace_back(new GoogleTestSuite(s));
        }
    }

    std::vector<std::unique_ptr<GoogleTestSuite>> suites; //!< the suites
};

Registrar g_registrar; //!< registers the suites

} // namespace
