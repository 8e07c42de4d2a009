#include "service/api.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "service/crypto.h"

namespace bpc::service {
namespace {

using nlohmann::json;

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = std::filesystem::temp_directory_path() / ("bpc_api_test_" + random_hex(6));
    store_ = std::make_unique<Store>(Store::Options{directory_.string(), "", 2, {}});
    ApiConfig config;
    config.operator_key_hash = sha256_hex(kOperator);
    api_ = std::make_unique<Api>(*store_, config, [this](std::string_view line) { log_.emplace_back(line); });
  }
  void TearDown() override {
    api_.reset();
    store_.reset();
    std::filesystem::remove_all(directory_);
  }

  HttpResponse send(std::string method, std::string path, std::string body = "", std::string key = kOperator) {
    HttpRequest request;
    request.method = std::move(method);
    request.path = std::move(path);
    request.body = std::move(body);
    if (!key.empty()) request.headers["authorization"] = "Bearer " + key;
    request.headers["x-request-id"] = "req-test";
    return api_->handle(request);
  }

  static std::optional<std::string> header(const HttpResponse& response, std::string_view name) {
    for (const auto& [key, value] : response.headers) {
      if (key == name) return value;
    }
    return std::nullopt;
  }

  static constexpr const char* kOperator = "operator-key-for-tests-0123456789abcdef";
  std::filesystem::path directory_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Api> api_;
  std::vector<std::string> log_;
};

TEST_F(ApiTest, UnknownPathsAndMethodsAreProblems) {
  const HttpResponse missing = send("GET", "/v2/anything");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.content_type, "application/problem+json");
  EXPECT_EQ(json::parse(missing.body)["code"], "not-found");
  EXPECT_EQ(json::parse(missing.body)["requestId"], "req-test");
  const HttpResponse wrong_method = send("DELETE", "/v1/tenants");
  EXPECT_EQ(wrong_method.status, 405);
  EXPECT_EQ(header(wrong_method, "Allow"), "POST, GET");
}

TEST_F(ApiTest, EveryRequestIsLoggedAsOneJsonLine) {
  send("GET", "/healthz", "", "");
  ASSERT_EQ(log_.size(), 1u);
  const json line = json::parse(log_.front());
  EXPECT_EQ(line["requestId"], "req-test");
  EXPECT_EQ(line["route"], "/healthz");
  EXPECT_EQ(line["status"], 200);
}

TEST_F(ApiTest, TheOperatorAdministersTenantsAndNothingElse) {
  const HttpResponse created = send("POST", "/v1/tenants", R"({"name": "Acme", "tier": "enterprise"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string tenant = json::parse(created.body)["id"];
  EXPECT_EQ(header(created, "Location"), "/v1/tenants/" + tenant);
  EXPECT_EQ(send("GET", "/v1/blueprints").status, 403);
  EXPECT_EQ(send("POST", "/v1/tenants", R"({"name": "x", "tier": "platinum"})").status, 400);
  EXPECT_EQ(send("POST", "/v1/tenants", R"({"name": "x"})", "").status, 401);
  EXPECT_EQ(send("POST", "/v1/tenants", R"({"name": "x"})", "wrong").status, 401);

  const HttpResponse key = send("POST", "/v1/tenants/" + tenant + "/keys", R"({"name": "ci", "role": "viewer"})");
  ASSERT_EQ(key.status, 201);
  EXPECT_EQ(header(key, "Cache-Control"), "no-store");
  const std::string secret = json::parse(key.body)["secret"];
  const HttpResponse listed = send("GET", "/v1/blueprints", "", secret);
  EXPECT_EQ(listed.status, 200);
  EXPECT_EQ(header(listed, "RateLimit-Limit"), "400");
  EXPECT_EQ(send("GET", "/v1/tenants", "", secret).status, 403);
  EXPECT_EQ(send("POST", "/v1/blueprints", R"({"name": "a", "source": ""})", secret).status, 403);
}

}  // namespace
}  // namespace bpc::service
