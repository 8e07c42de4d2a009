// The IR verifier accepts what the compiler builds and names each broken invariant.

#include "ir/verifier.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sample_module.h"

namespace bpc::ir {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

TEST(VerifierTest, AcceptsTheSampleModules) {
  EXPECT_THAT(verify(testing::make_small_module()), IsEmpty());
  EXPECT_THAT(verify(testing::make_sample_module()), IsEmpty());
}

TEST(VerifierTest, ReportsAFieldItsOwnerDoesNotList) {
  Module module = testing::make_small_module();
  ASSERT_FALSE(module.entities.empty());
  Entity& entity = module.entities[0];
  ASSERT_GE(entity.fields.size(), 2u);
  entity.fields.pop_back();
  const auto problems = verify(module);
  ASSERT_FALSE(problems.empty());
  EXPECT_THAT(problems.front(), HasSubstr("listed by 0 owners"));
}

TEST(VerifierTest, ReportsATypeThatIsNotInterned) {
  Module module = testing::make_small_module();
  module.types.push_back(module.types.front());
  EXPECT_THAT(verify(module), ElementsAre(HasSubstr("a duplicate of an earlier type")));
}

TEST(VerifierTest, ReportsAnOperationListedByNoApi) {
  Module module = testing::make_sample_module();
  ASSERT_FALSE(module.apis.empty());
  ASSERT_FALSE(module.apis[0].operations.empty());
  module.apis[0].operations.pop_back();
  EXPECT_THAT(verify(module), ::testing::Contains(HasSubstr("listed by 0 APIs")));
}

TEST(VerifierTest, ReportsAWorkflowStateOutOfRange) {
  Module module = testing::make_sample_module();
  ASSERT_FALSE(module.workflows.empty());
  ASSERT_FALSE(module.workflows[0].transitions.empty());
  module.workflows[0].transitions[0].to = 999;
  EXPECT_THAT(verify(module), ::testing::Contains(HasSubstr("states out of range")));
}

TEST(VerifierTest, ReportsARelationWhoseFieldDoesNotPointBack) {
  Module module = testing::make_sample_module();
  ASSERT_FALSE(module.relations.empty());
  module.fields[module.relations[0].field.index].relation = RelationId::none();
  EXPECT_THAT(verify(module), ::testing::Contains(HasSubstr("does not point back")));
}

TEST(VerifierTest, ReportsAnUndeclaredGuard) {
  Module module = testing::make_sample_module();
  ASSERT_FALSE(module.workflows.empty());
  module.workflows[0].transitions[0].guard = "nobodyDeclaredMe";
  EXPECT_THAT(verify(module), ::testing::Contains(HasSubstr("undeclared guard `nobodyDeclaredMe`")));
}

}  // namespace
}  // namespace bpc::ir
