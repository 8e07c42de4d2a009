#pragma once

// The HTTP status an action's ApiError carries, or 0 when it throws none.

#include <functional>

#include "service/errors.h"

namespace bpc::service {

inline int status_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const ApiError& error) {
    return error.status();
  }
  return 0;
}

}  // namespace bpc::service
