// Samples satisfy every constraint of their field at once, or say why none does; pattern examples
// stretch to reach a minimum length.

#include <memory>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "backends/service_model/pattern_example.h"
#include "backends/service_model/samples.h"
#include "tests/backends/compiled_blueprint.h"

namespace bpc::backends::service {
namespace {

using ::testing::HasSubstr;

TEST(PatternExample, StretchesOpenQuantifiersWithinTheirBounds) {
  EXPECT_EQ(example_for_pattern("^[a-z]+$", 1, 0), "b");
  EXPECT_EQ(example_for_pattern("^[a-z]+$", 1, 2), "baa");
  EXPECT_EQ(example_for_pattern("^x{2,3}$", 0, 0), "xx");
  EXPECT_EQ(example_for_pattern("^x{2,3}$", 0, 5), "xxx");
  EXPECT_EQ(example_for_pattern("^x{2,}$", 0, 1), "xxx");
  EXPECT_EQ(example_for_pattern("^ab?c$", 0, 0), "ac");
  EXPECT_EQ(example_for_pattern("^ab?c$", 0, 1), "abc");
}

TEST(PatternExample, RefusesWhatItCannotWriteAndNestedRepetitionsThatExplode) {
  EXPECT_EQ(example_for_pattern("^(?=a)a$", 0, 0), std::nullopt);
  EXPECT_EQ(example_for_pattern("^x{3,2}$", 0, 0), std::nullopt);
  EXPECT_EQ(example_for_pattern("^((((a{64}){64}){64}){64})$", 0, 0), std::nullopt);
}

struct Fixture {
  std::unique_ptr<testing::CompiledBlueprint> compiled;
  std::unique_ptr<ServiceModel> model;
  std::unique_ptr<Samples> samples;

  explicit Fixture(std::string fields) {
    compiled = testing::compile_blueprint("blueprint T { version \"1.0.0\" }\nentity E {\n  id: uuid @id @generated\n" +
                                          fields + "\n}\n");
    EXPECT_FALSE(compiled->diagnostics.has_errors());
    model = std::make_unique<ServiceModel>(*compiled->module);
    samples = std::make_unique<Samples>(*model);
  }
  ir::FieldId field(std::string_view name) const {
    for (ir::FieldId f : compiled->module->entities[0].fields) {
      if (compiled->module->field(f).name == name) return f;
    }
    ADD_FAILURE() << "no field " << name;
    return ir::FieldId::none();
  }
  std::optional<Sample> valid(std::string_view name, int n = 1, std::string* reason = nullptr) const {
    return samples->valid(field(name), n, reason);
  }
};

TEST(Samples, StringsSatisfyPatternAndLengthsAtOnce) {
  const Fixture f(R"(handle: string @minLength(3) @pattern("^[a-z]+$")
  code: string @pattern("^[A-Z]{2}[0-9]+$") @minLength(5) @maxLength(6)
  email: string @format(email) @minLength(30))");
  EXPECT_EQ(f.valid("handle")->text, "baa");
  EXPECT_EQ(f.valid("code")->text, "BA000");
  const auto email = f.valid("email");
  ASSERT_TRUE(email);
  EXPECT_GE(email->text.size(), 30U);
  EXPECT_THAT(email->text, HasSubstr("@example.com"));
  // Unique fields need distinct values for each record.
  EXPECT_NE(f.valid("handle", 1)->text, f.valid("handle", 2)->text);
}

TEST(Samples, TryOtherBranchesWhenTheFirstCannotFit) {
  EXPECT_EQ(example_for_pattern("^(ab|cdef)$", 0, 0, 1), "cdef");
  const Fixture f(R"(code: string @pattern("^(ab|cdef)$") @minLength(4))");
  EXPECT_EQ(f.valid("code")->text, "cdef");
}

TEST(Samples, SayWhyNoStringFits) {
  const Fixture f(R"(code: string @pattern("^[a-z]{2}$") @minLength(3))");
  std::string reason;
  EXPECT_EQ(f.valid("code", 1, &reason), std::nullopt);
  EXPECT_THAT(reason, HasSubstr("@minLength(3)"));
  EXPECT_THAT(reason, HasSubstr("^[a-z]{2}$"));
}

TEST(Samples, NumbersLieWithinTheirBoundsExactly) {
  const Fixture f(R"(ratio: decimal @min(0.5) @max(0.7) @precision(3, 2)
  weight: float @min(0.25) @max(0.75)
  level: int @min(-3) @max(-1)
  count: int @min(10))");
  EXPECT_EQ(f.valid("ratio")->kind, Sample::Kind::String);  // decimals travel as strings
  EXPECT_EQ(f.valid("ratio")->text, "0.5");
  EXPECT_EQ(f.valid("weight")->text, "0.25");
  EXPECT_EQ(f.valid("level")->text, "-2");
  EXPECT_EQ(f.valid("count", 3)->text, "13");
}

TEST(Samples, ObjectsListsAndReferencesAreTrees) {
  const Fixture f(R"(other: E?
  tags: list<string> @minLength(2)
  extra: json)");
  EXPECT_EQ(f.valid("other")->kind, Sample::Kind::Reference);
  EXPECT_EQ(f.valid("tags")->members.size(), 2U);
  EXPECT_EQ(f.valid("extra")->kind, Sample::Kind::Object);
}

TEST(Samples, InvalidValuesBreakEachConstraint) {
  const Fixture f(R"(handle: string @minLength(3) @pattern("^[a-z]+$"))");
  std::vector<std::string> constraints;
  for (const InvalidSample& bad : f.samples->invalid(f.field("handle"))) constraints.push_back(bad.constraint);
  EXPECT_THAT(constraints, ::testing::ElementsAre("required", "type", "minLength", "pattern"));
}

// A list in a query string is its key repeated, so an empty list would be no key at all: a
// required list parameter of a GET gets one item; in a body, and when optional, none is needed.
TEST(Samples, RequiredListsInAQueryStringHoldAnItem) {
  const auto compiled = testing::compile_blueprint(R"(blueprint T { version "1.0.0" }
api A {
  operation find(ids: list<uuid>, tags: list<string>?) -> int @http(GET, "/find")
  operation save(ids: list<uuid>) @http(POST, "/save")
}
)");
  ASSERT_FALSE(compiled->diagnostics.has_errors());
  const ServiceModel model(*compiled->module);
  const Samples samples(model);
  const auto parameter = [&](std::string_view op, std::string_view name) {
    for (const ir::Operation& o : compiled->module->operations) {
      if (o.name != op) continue;
      for (ir::FieldId f : o.parameters) {
        if (compiled->module->field(f).name == name) return f;
      }
    }
    return ir::FieldId::none();
  };
  EXPECT_EQ(samples.valid(parameter("find", "ids"), 1)->members.size(), 1U);
  EXPECT_TRUE(samples.valid(parameter("find", "tags"), 1)->members.empty());
  EXPECT_TRUE(samples.valid(parameter("save", "ids"), 1)->members.empty());
}

TEST(Samples, TheItemsOfAListKeepTheirAliasConstraints) {
  const auto compiled = testing::compile_blueprint(R"(blueprint T { version "1.0.0" }
type Tag = string @pattern("^[a-z][a-z0-9-]*$") @maxLength(24)
type Slot = int @min(40) @max(50)
entity E { id: uuid @id @generated, tags: list<Tag> @minLength(2), slots: list<Slot> @minLength(1) }
)");
  ASSERT_FALSE(compiled->diagnostics.has_errors());
  const ServiceModel model(*compiled->module);
  const Samples samples(model);
  const std::vector<ir::FieldId>& fields = compiled->module->entities[0].fields;
  const auto tags = samples.valid(fields[1], 1);
  ASSERT_TRUE(tags.has_value());
  ASSERT_EQ(tags->members.size(), 2U);
  for (const auto& [key, tag] : tags->members) EXPECT_THAT(tag.text, ::testing::MatchesRegex("[a-z][a-z0-9-]*"));
  const auto slots = samples.valid(fields[2], 1);
  ASSERT_TRUE(slots.has_value());
  ASSERT_EQ(slots->members.size(), 1U);
  EXPECT_GE(std::stoi(slots->members[0].second.text), 40);
  EXPECT_LE(std::stoi(slots->members[0].second.text), 50);
}

}  // namespace
}  // namespace bpc::backends::service
