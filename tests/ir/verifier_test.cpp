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
  EXPECT_THAT(verify(module), ElementsAre(::testing::MatchesRegex(
                                  "/workflows/0/transitions/0/to: state 999 out of range \\(4 values in enum `.*`\\)")));
}

// References are checked member by member as ir/describe.h lists them, with the member's path,
// before anything else: a module with a dangling reference reports it and nothing it would cause.
TEST(VerifierTest, ReportsEveryDanglingReferenceWithItsPath) {
  Module module = testing::make_sample_module();
  ASSERT_FALSE(module.entities.empty());
  ASSERT_FALSE(module.operations.empty());
  module.entities[0].id_field = FieldId{9999};
  module.operations[0].roles = std::vector<RoleId>{RoleId{4242}};
  module.fields[0].location.file = 77;
  const std::string fields = std::to_string(module.fields.size());
  EXPECT_THAT(verify(module),
              ElementsAre("/entities/0/idField: field #9999 out of range (" + fields + " fields)",
                          "/fields/0/location/file: file #77 out of range (" + std::to_string(module.files.size()) + " files)",
                          "/operations/0/roles/0: role #4242 out of range (" + std::to_string(module.roles.size()) + " roles)"));
}

TEST(VerifierTest, ReportsARequiredReferenceThatIsNone) {
  Module module = testing::make_sample_module();
  ASSERT_FALSE(module.aliases.empty());
  module.aliases[0].target = TypeId::none();
  EXPECT_THAT(verify(module), ElementsAre("/aliases/0/target: names no type"));
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
