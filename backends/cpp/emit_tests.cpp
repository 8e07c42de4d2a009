// tests/service_test.cpp and tests/model_test.cpp: the generated GoogleTest suite.

#include <fmt/format.h>

#include "backends/cpp/emitters.h"

namespace bpc::backends::cpp {

void emit_tests(const CppContext& ctx, const service::TestPlan& /*plan*/, const service::Samples& /*samples*/, OutputDirectory& out) {
  out.add("tests/service_test.cpp", std::string(kGeneratedHeader) + fmt::format(R"(#include "service_fixture.h"
#include "{1}/service.h"

namespace {0} {{
namespace {{

class ServiceTest : public bpc::testing::ServiceFixture {{
 protected:
  ServiceTest() : ServiceFixture(make_settings(), "") {{}}
}};

TEST_F(ServiceTest, Health) {{
  const bpc::testing::Answer answer = get("/health");
  EXPECT_EQ(answer.status, 200);
  EXPECT_EQ(answer.body, bpc::runtime::Json({{{{"status", "ok"}}}}));
}}

}}  // namespace
}}  // namespace {0}
)",
                                                                                 ctx.ns(), ctx.include_dir()));
  out.add("tests/model_test.cpp", std::string(kGeneratedHeader) + fmt::format(R"(#include <gtest/gtest.h>

#include "{1}/model.h"

namespace {0} {{
namespace {{

TEST(ModelTest, Compiles) {{ SUCCEED(); }}

}}  // namespace
}}  // namespace {0}
)",
                                                                               ctx.ns(), ctx.include_dir()));
}

}  // namespace bpc::backends::cpp
