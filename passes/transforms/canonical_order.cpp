// canonical-order: each API's operations in route order (path, then method), so generated
// routers, OpenAPI documents and diffs list them the same way however the blueprint is
// arranged. Declarations themselves are already in a deterministic order: the lowering numbers
// them in file order, with files sorted by path.
//
// The sort works on small records that carry the first 16 bytes of each path, so most
// comparisons do not reach into the operation store (which, for large APIs, is mostly cache
// misses).

#include <algorithm>
#include <tuple>

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

// 24 bytes: a large API's keys are sorted while the whole module is in memory.
struct SortKey {
  std::uint64_t head;  // path bytes 0-7
  std::uint64_t next;  // path bytes 8-15
  std::uint32_t position;  // in the API's operation list: equal routes keep their order
};

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
        const std::string_view path = module.operations[api.operations[i].index].path;
        keys.push_back(SortKey{prefix_word(path, 0), prefix_word(path, 8), i});
      }
      const auto before = [&](const SortKey& a, const SortKey& b) {
        if (a.head != b.head) return a.head < b.head;
        if (a.next != b.next) return a.next < b.next;
        const ir::Operation& x = module.operations[api.operations[a.position].index];
        const ir::Operation& y = module.operations[api.operations[b.position].index];
        return std::tie(x.path, x.method, a.position) < std::tie(y.path, y.method, b.position);
      };
      std::sort(keys.begin(), keys.end(), before);
      std::vector<ir::OperationId> ordered;
      ordered.reserve(keys.size());
      for (const SortKey& key : keys) ordered.push_back(api.operations[key.position]);
      api.operations = std::move(ordered);
    }
    return PreservedAnalyses::all();  // the same declarations and edges, in another order
  }
};

}  // namespace

std::unique_ptr<Pass> make_canonical_order() { return std::make_unique<CanonicalOrder>(); }

}  // namespace bpc::passes
