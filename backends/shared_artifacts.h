#pragma once

// What several backends of one build derive from the same module, computed once.
//
// The `openapi` backend writes the OpenAPI documents and the `typescript` backend serves the same
// documents from the generated service; when one `bpc build` runs both, building the documents
// twice is the largest waste of the build. Each build (one module) has one SharedArtifacts, which
// the driver passes to every backend it runs; a backend asks for an artifact by key and gets the
// value the first asker computed. Backends run on several threads at once: the first asker
// computes while later askers wait for its result (or its exception). Like the pass manager's
// analyses, artifacts are read-only once made. There is no global cache: an object lives as long
// as its build, so nothing computed for one module can reach another.

#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <typeindex>

#include "base/interrupt.h"

namespace bpc::backends {

class SharedArtifacts {
 public:
  // The build's interrupt, for work that makes an artifact to poll (an OutputDirectory a shared
  // task emits into takes it); null when the build cannot be interrupted.
  void set_interrupt(const Interrupt* interrupt) { interrupt_ = interrupt; }
  const Interrupt* interrupt() const { return interrupt_; }

  // The artifact named `key`, made by `make()` (returning a T) on first use. Asking for a key with
  // another type than it was made with throws std::logic_error (a bug in a backend).
  template <typename T, typename Make>
  const T& get(std::string_view key, Make make) {
    std::promise<std::shared_ptr<const void>> promise;
    Entry entry;
    bool first = false;
    {
      const std::lock_guard lock(mutex_);
      auto it = entries_.find(key);
      if (it == entries_.end()) {
        first = true;
        it = entries_.emplace(std::string(key), Entry{typeid(T), promise.get_future().share()}).first;
      }
      entry = it->second;
    }
    if (entry.type != typeid(T)) throw std::logic_error("shared artifact `" + std::string(key) + "` asked for with another type");
    if (first) {
      try {
        promise.set_value(std::make_shared<const T>(make()));
      } catch (...) {
        promise.set_exception(std::current_exception());
      }
    }
    return *static_cast<const T*>(entry.value.get().get());
  }

 private:
  struct Entry {
    std::type_index type = typeid(void);
    std::shared_future<std::shared_ptr<const void>> value;
  };
  std::mutex mutex_;
  std::map<std::string, Entry, std::less<>> entries_;
  const Interrupt* interrupt_ = nullptr;
};

}  // namespace bpc::backends
