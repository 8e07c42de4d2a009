#include "service/database_drivers.h"

namespace bpc::service {

bool is_postgres_url(std::string_view target) {
  return target.starts_with("postgresql://") || target.starts_with("postgres://");
}

std::unique_ptr<Connection> open_connection(const std::string& target, const std::shared_ptr<std::mutex>& writers) {
  return is_postgres_url(target) ? open_postgres_connection(target) : open_sqlite_connection(target, writers);
}

std::unique_ptr<Notifications> listen_for(const std::string& target, const std::string& channel) {
  if (!is_postgres_url(target)) return nullptr;
  return listen_postgres(target, channel);
}

}  // namespace bpc::service
