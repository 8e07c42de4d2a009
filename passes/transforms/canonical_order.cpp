// canonical-order: each API's operations in route order (path, then method), so generated
// routers, OpenAPI documents and diffs list them the same way however the blueprint is
// arranged. Declarations themselves are already in a deterministic order: the lowering numbers
// them in file order, with files sorted by path.
//
// The sort works on small records that carry the first 16 bytes of each path, so most
// comparisons do not reach into the operation store (which, for large APIs, is mostly cache
// misses).

#include <algorithm>

#include "passes/standard_passes.h"

namespace bpc::passes {

namespace {

// The first `sizeof(std::uint64_t)` bytes of `text` from `from`, big-endian, zero-padded: the
// words of two strings compare like their first bytes do.
std::uint64_t prefix_word(std::string_view text, std::size_t from) {
  std::uint64_t word = 0;
  for (std::size_t i = 0; i < sizeof word; ++i) {
    word <<= 8;
    if (from + i < text.size()) word |= static_cast<unsigned char>(text[from + i]);
  }
  return word;
}

struct SortKey {
  std::uint64_t head;  // path bytes 0-7
  std::uint64_t next;  // path bytes 8-15
  std::string_view path;
  ir::HttpMethod method;
  std::uint32_t position;  // in the API's operation list: equal routes keep their order
  ir::OperationId id;
};

bool before(const SortKey& a, const SortKey& b) {
  if (a.head != b.head) return a.head < b.head;
  if (a.next != b.next) return a.next < b.next;
  if (a.path != b.path) return a.path < b.path;
  if (a.method != b.method) return a.method < b.method;
  return a.position < b.position;
}

class CanonicalOrder final : public Pass {
 public:
  std::string_view name() const override { return "canonical-order"; }
  std::string_view description() const override { return "order each API's operations by path, then method"; }

  PreservedAnalyses run(PassContext& context) override {
    ir::Module& module = context.module;
    for (ir::Api& api : module.apis) {
      std::vector<SortKey> keys;
      keys.reserve(api.operations.size());
      for (std::uint32_t i = 0; i < api.operations.size(); ++i) {
        const ir::Operation& operation = module.operations[api.operations[i].index];
        const std::string_view path = operation.path;
        keys.push_back(SortKey{prefix_word(path, 0), prefix_word(path, 8), path, operation.method, i,
                               api.operations[i]});
      }
      std::sort(keys.begin(), keys.end(), before);
      for (std::size_t i = 0; i < keys.size(); ++i) api.operations[i] = keys[i].id;
    }
    return PreservedAnalyses::all();  // the same declarations and edges, in another order
  }
};

}  // namespace

std::unique_ptr<Pass> make_canonical_order() { return std::make_unique<CanonicalOrder>(); }

}  // namespace bpc::passes
