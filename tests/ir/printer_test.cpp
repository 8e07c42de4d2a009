#include "ir/printer.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "golden.h"
#include "ir/type_interner.h"
#include "sample_module.h"

namespace bpc::ir {
namespace {

std::string print(const Module& module) {
  std::ostringstream out;
  print_module(out, module);
  return out.str();
}

TEST(IrPrinter, SmallModule) {
  EXPECT_EQ(print(testing::make_small_module()), R"(file #0 "clinic.bpl"
blueprint Clinic  @0:0-53
  version "1.0.0"
  platform api
type #0 uuid
type #1 string
type #2 Patient
/// Someone who books appointments.
entity #0 Patient (id #0)  @0:91-164
  field #0 id: uuid @id @generated  @0:110-133
  field #1 name: string @minLength(1)  @0:136-162
role #0 Admin  @0:166-176
policy #0  @0:178-207
  allow Admin to *  @0:189-205
api #0 ClinicApi at "/api/v1"  @0:209-266
  resource Patient {get}  @0:240-264
  operation #0 getPatient [get Patient] GET "/patients/{id}" -> Patient  @0:240-264
    param #2 id: uuid  @0:240-264
)");
}

TEST(IrPrinter, SampleModuleGolden) {
  const std::string text = print(testing::make_sample_module());
  EXPECT_EQ(text, print(testing::make_sample_module()));
  testing::expect_golden("tests/ir/golden/sample.ir.txt", text);
}

TEST(IrPrinter, EveryLineIsOneNode) {
  // Strings with line breaks, quotes and control characters are escaped; docs become one `///`
  // line per line; nothing ends in whitespace.
  const std::string text = print(testing::make_sample_module());
  EXPECT_NE(
      text.find(
          R"(= { flags: [true, false], note: null, "x-key": -12, path: "C:\\clinic \"data\"\n\té" })"),
      std::string::npos);
  EXPECT_NE(text.find("/// An amount of money.\n/// Never negative.\nalias #1 Money"),
            std::string::npos);
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    EXPECT_FALSE(line.empty());
    EXPECT_NE(line.back(), ' ') << line;
  }
}

TEST(IrPrinter, EmptyModule) { EXPECT_EQ(print(Module{}), "blueprint \"\"\n"); }

// A module that fails verification in every way the printer could trip over: it must print
// without indexing out of range, naming what dangles.
TEST(IrPrinter, DanglingIdsAreShownNotFollowed) {
  Module m;
  m.types.push_back(Type{Type::Kind::List, Scalar::String, UINT32_MAX, TypeId{0}});  // a cycle
  m.types.push_back(Type{Type::Kind::Entity, Scalar::String, 7, {}});
  m.types.push_back(Type{Type::Kind::Optional, Scalar::String, UINT32_MAX, TypeId{9}});
  m.entities.push_back(Entity{"bad name", {FieldId{0}, FieldId{5}}, FieldId{5}, {}, {}});
  Field f;
  f.name = "f";
  f.type = TypeId{1};
  f.owner = FieldOwner{FieldOwner::Kind::Event, 3};
  f.relation = RelationId{4};
  m.fields.push_back(f);
  f.name = "g";
  f.type = TypeId{2};
  f.owner = FieldOwner{FieldOwner::Kind::Transition, 2, 8};
  m.fields.push_back(f);
  m.relations.push_back(
      Relation{EntityId{3}, FieldId{9}, EntityId{4}, true, false, FieldId{8}, OnDelete::SetNull});
  Workflow w;
  w.name = "W";
  w.entity = EntityId{6};
  w.state_field = FieldId{6};
  w.states = EnumId{2};
  w.transitions.push_back(Transition{{5}, 6, "go", {FieldId{7}}, {RoleId{1}}, {}, {EventId{2}}});
  m.workflows.push_back(w);
  m.apis.push_back(
      Api{"A", "/", {Resource{EntityId{5}, {CrudAction::Get}, {}, WorkflowId{3}, {}}}, {OperationId{4}}, {}, {}});
  Operation o;
  o.name = "op";
  o.api = ApiId{2};
  o.result = TypeId{0};
  m.operations.push_back(o);
  m.policies.push_back(Policy{.rules = {PolicyRule{.roles = {RoleId{9}},
                                                   .targets = {EntityId{9}},
                                                   .target_apis = {ApiId{5}},
                                                   .target_workflows = {WorkflowId{0}}}}});
  EXPECT_EQ(print(m), R"(blueprint ""
type #0 <invalid type #0>
type #1 <invalid type #1>
type #2 <invalid type #2>
entity #0 "bad name" (id #5)
  field #0 f: <invalid type #1> relation #4 owner event <invalid event #3>
  field <invalid field #5>
relation #0 <invalid field #9> -> <invalid entity #4> many required inverse <invalid field #8> onDelete setNull source <invalid entity #3>
policy #0
  allow <invalid role #9> to * on <invalid entity #9>, <invalid api #5>, W
workflow #0 W on <invalid entity #6>.<invalid field #6> states <invalid enum #2> initial <invalid state #0>
  transition 0 <invalid state #5> -> <invalid state #6> on go by <invalid role #1> emits <invalid event #2>
    param <invalid field #7>
api #0 A at "/"
  resource <invalid entity #5> {get} with workflow <invalid workflow #3>
  operation <invalid operation #4>
unlisted field #1 g: <invalid type #2> relation #4 owner transition 2 of <invalid workflow #8>
unlisted operation #0 op [custom] POST "" -> <invalid type #0> api <invalid api #2>
)");
}

}  // namespace
}  // namespace bpc::ir
