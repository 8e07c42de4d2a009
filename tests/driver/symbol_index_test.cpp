// The symbol index a compilation keeps on request: definitions across files, every reference of
// a declaration, members, and lookups by offset (what hover, go to definition, references and
// rename read).

#include <gtest/gtest.h>

#include "driver/compilation.h"
#include "tests/driver/test_support.h"

namespace bpc::driver {
namespace {

using lowering::DeclarationKind;
using lowering::SymbolIndex;
using testing::messages;

constexpr std::string_view kMain =
    "blueprint Shop {\n  version \"1.0.0\"\n}\n"
    "import \"people.bpl\"\n"
    "enum Status { placed, paid }\n"
    "entity Order {\n"
    "  id: uuid @id @generated\n"
    "  customer: Customer\n"
    "  status: Status = placed\n"
    "}\n"
    "workflow Flow on Order.status {\n"
    "  placed -> paid on pay\n"
    "}\n";
constexpr std::string_view kPeople =
    "entity Customer {\n"
    "  id: uuid @id @generated\n"
    "  orders: list<Order> @inverse(customer)\n"
    "}\n";

struct Indexed {
  Compilation compilation;
  const SymbolIndex& index() const { return *compilation.index; }
  FileId file(std::string_view path) const {
    for (const auto& f : compilation.program.files) {
      if (f.path == path) return f.parsed.file;
    }
    return FileId::none();
  }
  // The offset of the `occurrence`th `needle` in `path`.
  std::uint32_t offset(std::string_view path, std::string_view needle, int occurrence = 0) const {
    const std::string_view text = compilation.sources.file(file(path)).text();
    std::size_t at = text.find(needle);
    while (occurrence-- > 0) at = text.find(needle, at + 1);
    return static_cast<std::uint32_t>(at);
  }
  std::string text_of(const SourceSpan& span) const {
    return std::string(compilation.sources.file(span.file).text().substr(span.begin, span.end - span.begin));
  }
};

Indexed compiled() {
  MemoryFileSystem files;
  files.add("main.bpl", std::string(kMain));
  files.add("people.bpl", std::string(kPeople));
  CompileOptions options;
  options.inputs = {"main.bpl"};
  options.build_index = true;
  options.keep_syntax = true;
  return Indexed{compile(files, options)};
}

TEST(SymbolIndex, ATypeReferenceLeadsToItsDeclarationInAnotherFile) {
  const Indexed result = compiled();
  ASSERT_TRUE(result.compilation.ok()) << messages(result.compilation.diagnostics);
  const auto target = result.index().at(result.file("main.bpl"), result.offset("main.bpl", "Customer") + 3);
  ASSERT_TRUE(target.has_value());
  const SymbolIndex::Declaration& declaration = result.index().declaration(*target);
  EXPECT_EQ(declaration.kind, DeclarationKind::Entity);
  EXPECT_EQ(declaration.name, "Customer");
  EXPECT_EQ(declaration.name_span.file, result.file("people.bpl"));
  EXPECT_EQ(result.text_of(declaration.name_span), "Customer");
}

TEST(SymbolIndex, EveryReferenceOfADeclarationIsListed) {
  const Indexed result = compiled();
  const auto order = result.index().at(result.file("main.bpl"), result.offset("main.bpl", "entity Order") + 8);
  ASSERT_TRUE(order.has_value());
  std::vector<std::string> where;
  for (const SymbolIndex::Reference& reference : result.index().references_to(*order)) {
    where.push_back(result.compilation.sources.file(reference.span.file).path() + ":" + result.text_of(reference.span));
  }
  // `list<Order>` in people.bpl and `on Order.status` in main.bpl.
  EXPECT_EQ(where, (std::vector<std::string>{"main.bpl:Order", "people.bpl:Order"}));
}

TEST(SymbolIndex, MembersAndTheirReferences) {
  const Indexed result = compiled();
  // `@inverse(customer)` names the field `customer` of Order.
  const auto field = result.index().at(result.file("people.bpl"), result.offset("people.bpl", "(customer)") + 1);
  ASSERT_TRUE(field.has_value());
  EXPECT_EQ(result.index().declaration(*field).kind, DeclarationKind::Field);
  EXPECT_EQ(result.index().declaration(result.index().declaration(*field).parent).name, "Order");
  // The default `placed` and the workflow's `placed` are the enum value.
  const auto value = result.index().at(result.file("main.bpl"), result.offset("main.bpl", "= placed") + 2);
  ASSERT_TRUE(value.has_value());
  EXPECT_EQ(result.index().declaration(*value).kind, DeclarationKind::EnumValue);
  EXPECT_EQ(result.index().references_to(*value).size(), 2u);
  const auto status = result.index().at(result.file("main.bpl"), result.offset("main.bpl", "enum Status") + 5);
  ASSERT_TRUE(status.has_value());
  EXPECT_EQ(result.index().members_of(*status).size(), 2u);
}

TEST(SymbolIndex, NodeAtOffsetFindsTheNameUnderTheCursor) {
  const Indexed result = compiled();
  const Tree& tree = *result.compilation.program.files[0].parsed.tree;  // main.bpl (files sorted by path)
  const NodeId node = tree.innermost_at(result.offset("main.bpl", "Order.status") + 7);
  EXPECT_EQ(tree.kind(node), NodeKind::Name);
  EXPECT_EQ(tree.text(node), "status");
}

constexpr std::string_view kBehaviour =
    "blueprint Shop {\n  version \"1.0.0\"\n}\n"
    "enum Status { placed, paid, refunded }\n"
    "role Clerk\n"
    "entity Order {\n"
    "  id: uuid @id @generated\n"
    "  status: Status = placed\n"
    "}\n"
    "workflow Flow on Order.status {\n"
    "  guard paymentCleared\n"
    "  placed -> paid on pay when paymentCleared\n"
    "  refunded -> paid on pay\n"
    "  paid -> refunded on refund by Clerk\n"
    "}\n"
    "api Shop {\n"
    "  resource Order { get } with workflow Flow\n"
    "  operation reprice(id: uuid) -> Order\n"
    "}\n"
    "policy Staff {\n"
    "  allow Clerk to pay on Order\n"
    "  allow Clerk to reprice on Shop\n"
    "}\n"
    "intent feature \"Checkout\" {\n"
    "  uses Flow, Shop.reprice\n"
    "}\n";

Indexed compiled_behaviour() {
  MemoryFileSystem files;
  files.add("shop.bpl", std::string(kBehaviour));
  CompileOptions options;
  options.inputs = {"shop.bpl"};
  options.build_index = true;
  return Indexed{compile(files, options)};
}

// The texts of every reference to the declaration named at `needle` in shop.bpl.
std::vector<std::string> references_at(const Indexed& result, std::string_view needle, std::uint32_t into) {
  const auto declaration = result.index().at(result.file("shop.bpl"), result.offset("shop.bpl", needle) + into);
  if (!declaration) return {"(nothing at " + std::string(needle) + ")"};
  std::vector<std::string> texts;
  for (const SymbolIndex::Reference& reference : result.index().references_to(*declaration)) {
    texts.push_back(std::to_string(reference.span.begin) + ":" + result.text_of(reference.span));
  }
  return texts;
}

TEST(SymbolIndex, GuardsTriggersActionsAndIntentUses) {
  const Indexed result = compiled_behaviour();
  ASSERT_TRUE(result.compilation.ok()) << messages(result.compilation.diagnostics);
  const auto at = [&](std::string_view needle) { return std::to_string(result.offset("shop.bpl", needle)); };

  // A guard: declared in the workflow, used by `when`.
  const auto guard = result.index().at(result.file("shop.bpl"), result.offset("shop.bpl", "paymentCleared") + 1);
  ASSERT_TRUE(guard.has_value());
  EXPECT_EQ(result.index().declaration(*guard).kind, DeclarationKind::Guard);
  EXPECT_EQ(result.index().declaration(result.index().declaration(*guard).parent).name, "Flow");
  EXPECT_EQ(references_at(result, "paymentCleared", 1),
            (std::vector<std::string>{std::to_string(result.offset("shop.bpl", "paymentCleared", 1)) + ":paymentCleared"}));

  // A trigger: declared by its first transition; the second transition and the policy's action
  // refer to it.
  const auto trigger = result.index().at(result.file("shop.bpl"), result.offset("shop.bpl", "on pay") + 4);
  ASSERT_TRUE(trigger.has_value());
  EXPECT_EQ(result.index().declaration(*trigger).kind, DeclarationKind::Trigger);
  EXPECT_EQ(references_at(result, "on pay", 4),
            (std::vector<std::string>{at("pay\n  paid") + ":pay", at("pay on Order") + ":pay"}));

  // An operation: named by a policy action and by an intent's `uses Api.operation`; the API by
  // the intent's first half.
  EXPECT_EQ(references_at(result, "reprice(", 1),
            (std::vector<std::string>{at("reprice on Shop") + ":reprice", at("reprice\n}") + ":reprice"}));
  const auto workflow_uses = references_at(result, "workflow Flow", 10);
  EXPECT_EQ(workflow_uses.back(), at("Flow, Shop") + ":Flow");
  const auto api_uses = references_at(result, "api Shop", 5);
  EXPECT_EQ(api_uses.back(), at("Shop.reprice") + ":Shop");
}

TEST(SymbolIndex, IsOnlyBuiltWhenAskedFor) {
  MemoryFileSystem files;
  files.add("main.bpl", std::string(kMain));
  files.add("people.bpl", std::string(kPeople));
  CompileOptions options;
  options.inputs = {"main.bpl"};
  EXPECT_FALSE(compile(files, options).index.has_value());
}

}  // namespace
}  // namespace bpc::driver
