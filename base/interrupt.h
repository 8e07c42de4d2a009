#pragma once

// Stopping a compilation early: cancellation and a time limit.
//
// A caller that may lose interest in a compilation (an editor whose user typed again, a service
// whose job was cancelled) keeps a CancellationSource and hands its token to the compilation;
// `cancel()` may be called from any thread. A compilation also has an optional deadline. Every
// phase that can take long (parsing, lowering, passes, backends) polls one Interrupt at its loop
// boundaries; when the token is cancelled or the deadline has passed, `poll()` throws
// `Interrupted`, which unwinds to the driver (driver/compilation.h). The driver turns it into a
// diagnostic and returns promptly; nothing half-built escapes.
//
// Polling is cheap: an atomic load, and a clock read only every kClockStride polls, so a phase may
// poll once per declaration or field without showing up in a profile.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <exception>
#include <memory>
#include <optional>

namespace bpc {

class CancellationToken {
 public:
  CancellationToken() = default;  // never cancelled
  bool is_cancelled() const { return flag_ && flag_->load(std::memory_order_relaxed); }

 private:
  friend class CancellationSource;
  explicit CancellationToken(std::shared_ptr<const std::atomic<bool>> flag) : flag_(std::move(flag)) {}
  std::shared_ptr<const std::atomic<bool>> flag_;
};

class CancellationSource {
 public:
  CancellationSource() : flag_(std::make_shared<std::atomic<bool>>(false)) {}
  void cancel() { flag_->store(true, std::memory_order_relaxed); }
  CancellationToken token() const { return CancellationToken(flag_); }

 private:
  std::shared_ptr<std::atomic<bool>> flag_;
};

// Thrown by Interrupt::poll; caught by the driver, never by a phase.
class Interrupted : public std::exception {
 public:
  enum class Reason : std::uint8_t { Cancelled, DeadlineExceeded };
  explicit Interrupted(Reason reason) : reason_(reason) {}
  Reason reason() const { return reason_; }
  const char* what() const noexcept override {
    return reason_ == Reason::Cancelled ? "compilation cancelled" : "compilation ran out of time";
  }

 private:
  Reason reason_;
};

class Interrupt {
 public:
  using Clock = std::chrono::steady_clock;

  Interrupt() = default;  // never interrupts
  Interrupt(CancellationToken token, std::optional<Clock::time_point> deadline)
      : token_(std::move(token)), deadline_(deadline) {}

  // Throws Interrupted when the compilation should stop. Safe to call from several threads.
  void poll() const {
    if (token_.is_cancelled()) throw Interrupted(Interrupted::Reason::Cancelled);
    if (deadline_ && polls_.fetch_add(1, std::memory_order_relaxed) % kClockStride == 0) check_clock();
  }
  // The same check without throwing, and reading the clock every time.
  std::optional<Interrupted::Reason> requested() const {
    if (token_.is_cancelled()) return Interrupted::Reason::Cancelled;
    if (deadline_ && Clock::now() >= *deadline_) return Interrupted::Reason::DeadlineExceeded;
    return std::nullopt;
  }

 private:
  static constexpr std::uint32_t kClockStride = 64;
  void check_clock() const {
    if (Clock::now() >= *deadline_) throw Interrupted(Interrupted::Reason::DeadlineExceeded);
  }

  CancellationToken token_;
  std::optional<Clock::time_point> deadline_;
  mutable std::atomic<std::uint32_t> polls_{0};
};

}  // namespace bpc
