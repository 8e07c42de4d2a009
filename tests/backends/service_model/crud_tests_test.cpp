// The record tests every backend writes for an entity: the same choices for all of them.

#include <algorithm>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "backends/service_model/crud_tests.h"
#include "tests/backends/compiled_blueprint.h"

namespace bpc::backends::service {
namespace {

using ::testing::ElementsAre;

constexpr std::string_view kBlueprint = R"(blueprint Shop { version "1.0.0" }
enum Stage { draft, paid @value("PAID"), shipped }
entity Customer {
  id: uuid @id @generated
  name: string @minLength(1)
}
entity Order {
  id: uuid @id @generated
  placedAt: datetime @index
  stage: Stage @index
  total: int @min(0) @index
  code: string @unique
  title: string @searchable
  note: string? @searchable
  region: string
  shelf: string
  customer: Customer @onDelete(cascade)
  watchers: list<Customer>
  updatedAt: datetime @updatedAt
  unique (region, shelf)
}
entity Seat {
  id: uuid @id @generated
  holder: Customer @unique
  row: string
  number: int
  unique (row, number)
}
event OrderPlaced { order: Order }
api Shop at "/v1" {
  resource Customer
  resource Seat
  resource Order { list, get, create emits OrderPlaced, update, delete }
}
)";

class CrudTestsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    compiled_ = testing::compile_blueprint(std::string(kBlueprint));
    ASSERT_FALSE(compiled_->diagnostics.has_errors());
    model_ = std::make_unique<ServiceModel>(*compiled_->module);
    samples_ = std::make_unique<Samples>(*model_);
    plan_ = std::make_unique<TestPlan>(*model_, *samples_);
  }
  const ir::Module& module() const { return *compiled_->module; }
  ir::EntityId entity(std::string_view name) const {
    for (std::uint32_t i = 0; i < module().entities.size(); ++i) {
      if (module().entities[i].name == name) return ir::EntityId{i};
    }
    return {};
  }
  std::string name(ir::FieldId f) const { return module().field(f).name; }
  std::vector<std::string> names(const std::vector<ir::FieldId>& fields) const {
    std::vector<std::string> out;
    for (ir::FieldId f : fields) out.push_back(name(f));
    return out;
  }

  std::unique_ptr<testing::CompiledBlueprint> compiled_;
  std::unique_ptr<ServiceModel> model_;
  std::unique_ptr<Samples> samples_;
  std::unique_ptr<TestPlan> plan_;
};

// A reference to an entity whose id the client chooses names no record with a well-formed id
// (one the id's pattern accepts), so the answer is 409 and not 400.
TEST(CrudTests, ADanglingReferenceHoldsAWellFormedIdThatNoRecordHas) {
  const auto compiled = testing::compile_blueprint(R"(blueprint T { version "1.0.0" }
entity Machine { id: string @id @pattern("^EQ[0-9]{6}$"), name: string }
entity Visit { id: uuid @id @generated, machine: Machine }
api A { resource Machine  resource Visit }
)");
  ASSERT_FALSE(compiled->diagnostics.has_errors());
  const ServiceModel model(*compiled->module);
  const Samples samples(model);
  const TestPlan plan(model, samples);
  const CrudTests tests = crud_tests(model, samples, plan, ir::EntityId{1}, 25);
  ASSERT_TRUE(tests.dangling.has_value());
  EXPECT_THAT(tests.dangling->id.text, ::testing::MatchesRegex("EQ[0-9]{6}"));
  const ir::FieldId id = compiled->module->entities[0].id_field;
  for (int n = 1; n <= 25; ++n) EXPECT_NE(samples.valid(id, n)->text, tests.dangling->id.text) << n;
}

TEST(CrudTests, AMissingIdIsWellFormedForEveryKindOfId) {
  const auto compiled = testing::compile_blueprint(R"(blueprint T { version "1.0.0" }
entity Course { code: string @id @pattern("^[A-Z]{3,4}-[0-9]{3}$"), title: string }
entity Lesson { id: uuid @id @generated, course: Course }
entity Seat { id: int @id @generated, row: int }
entity Desk { number: int @id @min(100) @max(2000), label: string }
api A { resource Course  resource Lesson  resource Seat  resource Desk }
)");
  ASSERT_FALSE(compiled->diagnostics.has_errors());
  const ServiceModel model(*compiled->module);
  const Samples samples(model);
  const TestPlan plan(model, samples);
  const Sample course = missing_id(model, samples, ir::EntityId{0});
  EXPECT_THAT(course.text, ::testing::MatchesRegex("[A-Z]{3,4}-[0-9]{3}"));
  for (int n = 1; n <= 25; ++n) EXPECT_NE(samples.valid(compiled->module->entities[0].id_field, n)->text, course.text) << n;
  EXPECT_EQ(missing_id(model, samples, ir::EntityId{1}).text, "00000000-0000-4000-8000-999999999999");
  EXPECT_EQ(missing_id(model, samples, ir::EntityId{2}).kind, Sample::Kind::Number);
  const Sample desk = missing_id(model, samples, ir::EntityId{3});
  EXPECT_EQ(desk.kind, Sample::Kind::Number);
  EXPECT_GE(std::stoi(desk.text), 100);
  EXPECT_LE(std::stoi(desk.text), 2000);
}

TEST_F(CrudTestsTest, ListTestsUseARangeAnEnumSetAndTheSearch) {
  const CrudTests tests = crud_tests(*model_, *samples_, *plan_, entity("Order"), 25);
  ASSERT_TRUE(tests.list.has_value());
  ASSERT_TRUE(tests.list->any_of.has_value());
  EXPECT_EQ(name(*tests.list->any_of), "stage");
  EXPECT_THAT(tests.list->any_of_values, ElementsAre("draft", "PAID", "shipped"));
  ASSERT_TRUE(tests.list->range.has_value());
  EXPECT_THAT(names(tests.list->search), ElementsAre("title", "note"));
  ASSERT_TRUE(tests.list->unfiltered.has_value());
  EXPECT_EQ(name(*tests.list->unfiltered), "title");
}

TEST_F(CrudTestsTest, AnUpdateChangesNeitherADatetimeNorAUniqueFieldAndMovesUpdatedAt) {
  const CrudTests tests = crud_tests(*model_, *samples_, *plan_, entity("Order"), 25);
  ASSERT_TRUE(tests.update.has_value());
  EXPECT_EQ(name(tests.update->field), "stage");  // placedAt comes back in UTC; code is unique
  ASSERT_TRUE(tests.update->touched.has_value());
  EXPECT_EQ(name(*tests.update->touched), "updatedAt");
  ASSERT_TRUE(tests.update->not_null.has_value());
  EXPECT_EQ(name(*tests.update->not_null), "placedAt");
}

// The update test reads the changed field back from the answer, which never holds a secret.
TEST(CrudTests, AnUpdateChangesNoSecret) {
  const auto compiled = testing::compile_blueprint(R"(blueprint T { version "1.0.0" }
entity Account { id: int @id @generated, iban: string @secret, holder: string }
api A { resource Account }
)");
  ASSERT_FALSE(compiled->diagnostics.has_errors());
  const ServiceModel model(*compiled->module);
  const Samples samples(model);
  const TestPlan plan(model, samples);
  const CrudTests tests = crud_tests(model, samples, plan, ir::EntityId{0}, 25);
  ASSERT_TRUE(tests.update.has_value());
  EXPECT_EQ(compiled->module->field(tests.update->field).name, "holder");
}

TEST_F(CrudTestsTest, UniqueFieldsKeysReferencesAndDeclaredEvents) {
  const CrudTests tests = crud_tests(*model_, *samples_, *plan_, entity("Order"), 25);
  EXPECT_THAT(names(tests.unique), ElementsAre("code"));
  ASSERT_EQ(tests.unique_keys.size(), 1U);
  EXPECT_THAT(names(tests.unique_keys[0]), ElementsAre("region", "shelf"));
  ASSERT_TRUE(tests.dangling.has_value());
  EXPECT_EQ(name(tests.dangling->field), "customer");  // a single reference, not the list
  EXPECT_EQ(tests.dangling->id.text, "00000000-0000-4000-8000-999999999999");
  ASSERT_TRUE(tests.reference_list.has_value());
  EXPECT_EQ(name(*tests.reference_list), "watchers");
  ASSERT_EQ(tests.declared.size(), 1U);
  EXPECT_EQ(tests.declared[0].action, "create");
  ASSERT_TRUE(tests.declared[0].carrier.has_value());
  EXPECT_EQ(name(*tests.declared[0].carrier), "order");
}

// Sample records never clash: a unique field varies, one field of each unique key varies, and a
// unique reference (or a key's reference) names a new record each time.
TEST_F(CrudTestsTest, SampleRecordsVaryTheirUniqueFieldsAndKeys) {
  const auto names_of = [&](const std::set<std::uint32_t>& fields) {
    std::vector<std::string> out;
    for (std::uint32_t f : fields) out.push_back(name(ir::FieldId{f}));
    std::sort(out.begin(), out.end());
    return out;
  };
  const SampleVariation order = sample_variation(*model_, *samples_, *plan_, entity("Order"), 24);
  EXPECT_THAT(names_of(order.varied), ElementsAre("code", "region"));
  EXPECT_TRUE(order.fresh.empty());
  const SampleVariation seat = sample_variation(*model_, *samples_, *plan_, entity("Seat"), 24);
  EXPECT_THAT(names_of(seat.fresh), ElementsAre("holder"));
  EXPECT_THAT(names_of(seat.varied), ElementsAre("row"));
}

TEST_F(CrudTestsTest, DeletingACustomerCascadesToItsOrders) {
  const CrudTests tests = crud_tests(*model_, *samples_, *plan_, entity("Customer"), 25);
  EXPECT_FALSE(tests.remove.is_none());
  ASSERT_TRUE(tests.cascade.has_value());
  EXPECT_EQ(module().entities[tests.cascade->entity.index].name, "Order");
  EXPECT_EQ(name(tests.cascade->field), "customer");
}

}  // namespace
}  // namespace bpc::backends::service
