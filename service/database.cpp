#include "service/database_drivers.h"

namespace bpc::service {

bool is_postgres_url(std::string_view target) {
  return target.starts_with("postgresql://") || target.starts_with("postgres://");
}

std::unique_ptr<Connection> open_connection(const std::string& target, const std::shared_ptr<std::mutex>& writers) {
  return is_postgres_url(target) ? open_postgres_connection(target) : open_sqlite_connection(target, writers);
}

}  // namespace bpc::service
