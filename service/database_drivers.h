#pragma once

// The two implementations of database.h, chosen by open_connection (database.cpp).

#include "service/database.h"

namespace bpc::service {

std::unique_ptr<Connection> open_sqlite_connection(const std::string& path,
                                                   std::shared_ptr<std::mutex> writers);  // sqlite_database.cpp
std::unique_ptr<Connection> open_postgres_connection(const std::string& url);  // postgres_database.cpp
std::unique_ptr<Notifications> listen_postgres(const std::string& url, const std::string& channel);  // ditto

}  // namespace bpc::service
