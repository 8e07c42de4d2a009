// The service model's answers, which every backend reads: fields per request, statuses per
// operation, route order, record events, and what the generated tests can cover (and why not).

#include <memory>
#include <string>

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "backends/service_model/samples.h"
#include "backends/service_model/service_model.h"
#include "backends/service_model/test_plan.h"
#include "tests/backends/compiled_blueprint.h"

namespace bpc::backends::service {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Kind = ir::Operation::Kind;

struct Fixture {
  std::unique_ptr<testing::CompiledBlueprint> compiled;
  std::unique_ptr<ServiceModel> model;
  std::unique_ptr<Samples> samples;
  std::unique_ptr<TestPlan> plan;

  explicit Fixture(std::string text) {
    compiled = testing::compile_blueprint("blueprint T { version \"1.0.0\" }\n" + std::move(text));
    EXPECT_FALSE(compiled->diagnostics.has_errors());
    model = std::make_unique<ServiceModel>(*compiled->module);
    samples = std::make_unique<Samples>(*model);
    plan = std::make_unique<TestPlan>(*model, *samples);
  }
  const ir::Module& m() const { return *compiled->module; }
  ir::EntityId entity(std::string_view name) const {
    for (std::uint32_t e = 0; e < m().entities.size(); ++e) {
      if (m().entities[e].name == name) return ir::EntityId{e};
    }
    ADD_FAILURE() << "no entity " << name;
    return ir::EntityId::none();
  }
  ir::OperationId operation(std::string_view name) const {
    for (std::uint32_t i = 0; i < m().operations.size(); ++i) {
      if (m().operations[i].name == name) return ir::OperationId{i};
    }
    ADD_FAILURE() << "no operation " << name;
    return ir::OperationId::none();
  }
  std::vector<std::string> names(const std::vector<ir::FieldId>& fields) const {
    std::vector<std::string> out;
    for (ir::FieldId f : fields) out.push_back(m().field(f).name);
    return out;
  }
  std::vector<int> answers(std::string_view op) const {
    std::vector<int> out;
    for (Answer a : model->answers(operation(op))) out.push_back(static_cast<int>(a));
    return out;
  }
};

constexpr const char* kShop = R"(
role Clerk
role Guest
enum State { open, closed }
entity Customer {
  id: uuid @id @generated
  email: string @unique
  orders: list<Order> @inverse(customer)
}
entity Tag { id: int @id @generated, label: string }
entity Order {
  id: uuid @id @generated
  customer: Customer
  code: string @readonly @index
  tags: list<Tag>
  state: State = open
  placedAt: datetime @generated
}
workflow Flow on Order.state { open -> closed on close }
policy { allow Clerk to * }
api Shop at "/v1" {
  resource Customer
  resource Tag
  resource Order with workflow Flow
  operation report(day: date) -> list<Order> @http(GET, "/orders/report") by Clerk
}
)";

TEST(ServiceModel, SaysWhichFieldsEachRequestTakes) {
  const Fixture f(kShop);
  const ir::EntityId order = f.entity("Order");
  EXPECT_THAT(f.names(f.model->stored_fields(order)), ElementsAre("id", "customer", "code", "tags", "state", "placedAt"));
  EXPECT_THAT(f.names(f.model->create_fields(order)), ElementsAre("customer", "code", "tags"));
  EXPECT_THAT(f.names(f.model->update_fields(order)), ElementsAre("customer", "tags"));
  EXPECT_THAT(f.names(f.model->filter_fields(order)), ElementsAre("code"));
  const auto create = f.model->create_fields(order);
  EXPECT_TRUE(f.model->required_on_create(create[0]));   // customer
  EXPECT_FALSE(f.model->required_on_create(create[2]));  // tags: a list of references starts empty
  EXPECT_EQ(f.model->record_event(order, RecordChange::Deleted), "Order.deleted");
}

TEST(ServiceModel, DeclaresEveryStatusAnOperationCanAnswer) {
  const Fixture f(kShop);
  // 413 for every body (the size limit), 429 for every operation (rate limits, on in production).
  EXPECT_THAT(f.answers("createCustomer"), ElementsAre(201, 400, 401, 403, 409, 413, 415, 429));
  EXPECT_THAT(f.answers("listOrders"), ElementsAre(200, 400, 401, 403, 429));
  EXPECT_THAT(f.answers("getOrder"), ElementsAre(200, 400, 401, 403, 404, 429));
  // A restrict reference (Order.customer) can refuse the delete; nothing refers to an Order.
  EXPECT_THAT(f.answers("deleteCustomer"), ElementsAre(204, 400, 401, 403, 404, 409, 429));
  EXPECT_THAT(f.answers("deleteOrder"), ElementsAre(204, 400, 401, 403, 404, 429));
  EXPECT_THAT(f.answers("closeOrder"), ElementsAre(200, 400, 401, 403, 404, 409, 413, 415, 429));
  EXPECT_THAT(f.answers("report"), ElementsAre(200, 400, 401, 403, 429, 501));
}

TEST(ServiceModel, OrdersRoutesLiteralSegmentsFirst) {
  const Fixture f(kShop);
  std::vector<std::string> paths;
  for (ir::OperationId op : f.model->route_order(ir::ApiId{0})) {
    const std::string path = f.m().operations[op.index].path;
    if (path.starts_with("/orders")) paths.push_back(fmt::format("{} {}", ir::http_method_name(f.m().operations[op.index].method), path));
  }
  const auto report = std::find(paths.begin(), paths.end(), "GET /orders/report");
  const auto get = std::find(paths.begin(), paths.end(), "GET /orders/{id}");
  ASSERT_NE(report, paths.end());
  ASSERT_NE(get, paths.end());
  EXPECT_LT(report, get);
}

TEST(TestPlan, SeedsEntitiesWithoutACreateRouteWithTheirGeneratedFields) {
  const Fixture f(R"(
entity Region { id: uuid @id @generated, name: string, createdAt: datetime @generated }
entity Site { id: uuid @id @generated, region: Region }
api A { resource Region { list, get }  resource Site }
)");
  EXPECT_TRUE(f.plan->creatable(f.entity("Region")));
  EXPECT_TRUE(f.plan->creatable(f.entity("Site")));
  EXPECT_TRUE(f.plan->skipped().empty());
}

// A handler that fires a trigger on the record its event carries moves every new record on right
// after its create answers; the events of that transition may fire more. Handlers that lead to
// another record (`booking.room`) change no new record of the created entity.
TEST(TestPlan, FollowsTheHandlersACreateSetsOffOnTheNewRecord) {
  const Fixture f(R"(
enum BookingStatus { pending, confirmed, checkedIn, cancelled }
enum RoomState { free, busy }
entity Room { id: uuid @id @generated, state: RoomState = free }
entity Booking {
  id: uuid @id @generated
  room: Room
  status: BookingStatus = pending
  confirmedAt: datetime?
  note: string?
  updatedAt: datetime @updatedAt
}
event Requested { booking: Booking }
event Confirmed { booking: Booking }
handler autoConfirm on Requested triggers confirm on booking
handler autoCheckIn on Confirmed triggers checkIn on booking
handler occupy on Requested triggers occupy on booking.room
workflow Lifecycle on Booking.status {
  pending -> confirmed on confirm sets confirmedAt = now emits Confirmed
  confirmed -> checkedIn on checkIn
  pending, confirmed -> cancelled on cancel
}
workflow Occupancy on Room.state {
  free -> busy on occupy
}
api A { resource Room  resource Booking { list, get, create emits Requested } with workflow Lifecycle }
)");
  const auto workflow = [&](std::string_view name) {
    for (std::uint32_t w = 0; w < f.m().workflows.size(); ++w) {
      if (f.m().workflows[w].name == name) return ir::WorkflowId{w};
    }
    return ir::WorkflowId::none();
  };
  const ir::Workflow& lifecycle = f.m().workflows[workflow("Lifecycle").index];
  EXPECT_EQ(f.m().enums[lifecycle.states.index].values[f.plan->settled_state(workflow("Lifecycle"))].name, "checkedIn");
  EXPECT_THAT(f.names(f.plan->changed_after_create(f.entity("Booking"))), ElementsAre("status", "confirmedAt", "updatedAt"));
  // The room a new booking occupies is made before it, by its own create: it starts free.
  EXPECT_EQ(f.plan->settled_state(workflow("Occupancy")), f.m().workflows[workflow("Occupancy").index].initial);
  EXPECT_TRUE(f.plan->changed_after_create(f.entity("Room")).empty());
}

// A transition's test reads what `sets` wrote back from the answer, which never carries a secret.
TEST(TestPlan, ReadsBackNoSecretATransitionSets) {
  const Fixture f(R"(
enum OrderState { pending, paid }
entity Order { id: uuid @id @generated, state: OrderState = pending, paymentRef: string? @secret, paidAt: datetime? }
workflow Checkout on Order.state {
  pending -> paid on pay(reference: string, at: datetime) sets paymentRef = reference, paidAt = at
}
api A { resource Order with workflow Checkout }
)");
  const ir::Transition& pay = f.m().workflows[0].transitions[0];
  ASSERT_EQ(pay.sets.size(), 2U);
  const std::vector<ir::Assignment> answered = f.plan->answered_sets(pay);
  ASSERT_EQ(answered.size(), 1U);
  EXPECT_EQ(f.m().field(answered[0].field).name, "paidAt");
}

// A relation route's test links a record to its owner through whichever side stores the relation;
// when that is the record's `@tenant` or `@owner` reference, which the service sets from the
// caller, the owner is the caller's tenant (identity) record, and the route is tested all the same.
TEST(TestPlan, LinksRelatedRecordsThroughTheSideThatStoresThem) {
  const Fixture f(R"(
entity Company { id: uuid @id @generated, name: string, departments: list<Department> @inverse(company) }
entity Person { id: uuid @id @generated, name: string, notes: list<Note> @inverse(author) }
entity Department {
  id: uuid @id @generated
  company: Company @tenant
  name: string
  staff: list<Person>
  rooms: list<Room> @inverse(departments)
}
entity Note { id: uuid @id @generated, author: Person @owner, text: string }
entity Room { id: int @id @generated, departments: list<Department> }
role Staff
policy P { allow Staff to * }
api A { resource Company  resource Person  resource Department  resource Note  resource Room }
)");
  const auto link = [&](std::string_view name) { return f.plan->related_link(f.m().operations[f.operation(name).index]); };
  EXPECT_EQ(link("listDepartmentsOfCompany"), RelatedLink::Tenant);
  EXPECT_EQ(link("listNotesOfPerson"), RelatedLink::Subject);
  EXPECT_EQ(link("listStaffOfDepartment"), RelatedLink::Owned);
  EXPECT_EQ(link("listRoomsOfDepartment"), RelatedLink::InverseMany);
  for (std::string_view name : {"listDepartmentsOfCompany", "listNotesOfPerson"}) {
    EXPECT_EQ(f.plan->why_not_callable(f.operation(name)), "") << name;
  }
}

TEST(TestPlan, ListsWhatItCannotTestWithTheReason) {
  const Fixture f(R"(
role Clerk
entity Locked { id: uuid @id @generated, name: string }
entity Child { id: uuid @id @generated, parent: Locked }
entity Odd { id: uuid @id @generated, code: string @pattern("^[a-z]{2}$") @minLength(3) }
policy { allow Clerk to read }
api A {
  resource Locked
  resource Child
  resource Odd
  operation ping(code: string @pattern("^[a-z]{2}$") @minLength(3)) by Clerk
}
)");
  std::vector<std::string> lines;
  for (const SkippedTests& skip : f.plan->skipped()) lines.push_back(skip.tests + ": " + skip.reason);
  EXPECT_THAT(lines, ElementsAre(
                         "entity `Locked`: CRUD, constraint and workflow tests: no role may always call its create operation `createLocked`",
                         "entity `Child`: CRUD, constraint and workflow tests: no role may always call its create operation `createChild`",
                         "entity `Odd`: CRUD, constraint and workflow tests: no role may always call its create operation `createOdd`",
                         ::testing::AllOf(HasSubstr("operation `ping`: no valid sample for its argument `code`"),
                                          HasSubstr("@minLength(3)"))));
}

TEST(TestPlan, NamesTheMissingReferenceAndTheUnsatisfiableField) {
  const Fixture f(R"(
entity Odd { id: uuid @id @generated, code: string @pattern("^[a-z]{2}$") @minLength(3) }
entity Child { id: uuid @id @generated, odd: Odd }
api A { resource Odd  resource Child }
)");
  ASSERT_EQ(f.plan->skipped().size(), 2U);
  EXPECT_THAT(f.plan->skipped()[0].reason, HasSubstr("no valid sample for `code`"));
  EXPECT_EQ(f.plan->skipped()[1].reason, "it requires a `Odd`, which the tests cannot create");
}

TEST(TestPlan, ChainsOfRequiredReferencesAreCreatableInOnePass) {
  std::string text;
  constexpr int kLength = 2000;
  for (int i = 0; i < kLength; ++i) {
    text += i + 1 < kLength ? fmt::format("entity E{} {{ id: uuid @id @generated, next: E{} }}\n", i, i + 1)
                            : fmt::format("entity E{} {{ id: uuid @id @generated }}\n", i);
  }
  text += "api A {\n";
  for (int i = 0; i < kLength; ++i) text += fmt::format("  resource E{}\n", i);
  text += "}\n";
  const Fixture f(text);
  EXPECT_EQ(f.plan->creatable_entities().size(), static_cast<std::size_t>(kLength));
}

}  // namespace
}  // namespace bpc::backends::service
