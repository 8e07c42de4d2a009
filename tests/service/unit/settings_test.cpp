#include "service/settings.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace bpc::service {
namespace {

std::string write_temporary(const std::string& name, const std::string& text) {
  const std::string path = (std::filesystem::temp_directory_path() / name).string();
  std::ofstream(path) << text;
  return path;
}

TEST(Settings, FileThenEnvironmentThenFlags) {
  const std::string key_file = write_temporary("bpc_settings_key", std::string(40, 'k') + "\n");
  const std::string config = write_temporary(
      "bpc_settings.json",
      R"({ // comments are allowed
           "listen": "0.0.0.0:9000", "data": "/srv/from-file", "threads": 4, "maxSourceBytes": 2048,
           "jobLeaseSeconds": 1,
           "operatorKeyFile": ")" + key_file + R"(" })");
  std::string error;
  auto settings = load_settings(config, {}, {}, error);
  ASSERT_TRUE(settings) << error;
  EXPECT_EQ(settings->host, "0.0.0.0");
  EXPECT_EQ(settings->port, 9000);
  EXPECT_EQ(settings->data_directory, "/srv/from-file");
  EXPECT_EQ(settings->threads, 4u);
  EXPECT_EQ(settings->max_source_bytes, 2048u);
  EXPECT_EQ(settings->job_lease, std::chrono::seconds(2));  // at least 2 s, so heartbeats fit in it
  EXPECT_EQ(settings->operator_key, std::string(40, 'k'));

  settings = load_settings(config, {{"BPC_LISTEN", "127.0.0.1:9001"}, {"BPC_DATA_DIR", "/srv/env"}}, {}, error);
  ASSERT_TRUE(settings) << error;
  EXPECT_EQ(settings->port, 9001);
  EXPECT_EQ(settings->data_directory, "/srv/env");

  SettingOverrides flags;
  flags.listen = "[::1]:9002";
  settings = load_settings(config, {{"BPC_LISTEN", "127.0.0.1:9001"}}, flags, error);
  ASSERT_TRUE(settings) << error;
  EXPECT_EQ(settings->host, "::1");
  EXPECT_EQ(settings->port, 9002);
}

TEST(Settings, ProblemsAreNamed) {
  std::string error;
  EXPECT_FALSE(load_settings(write_temporary("bpc_bad1.json", R"({"lisen": "x"})"), {}, {}, error));
  EXPECT_NE(error.find("unknown setting `lisen`"), std::string::npos) << error;
  EXPECT_FALSE(load_settings(write_temporary("bpc_bad2.json", R"({"threads": -1})"), {}, {}, error));
  EXPECT_NE(error.find("`threads` must be a positive integer"), std::string::npos) << error;
  EXPECT_FALSE(load_settings(std::nullopt, {{"BPC_LISTEN", "localhost"}}, {}, error));
  EXPECT_NE(error.find("HOST:PORT"), std::string::npos) << error;
  EXPECT_FALSE(load_settings(std::nullopt, {{"BPC_LISTEN", "localhost:70000"}}, {}, error));
  EXPECT_FALSE(load_settings(std::nullopt, {{"BPC_MODE", "staging"}}, {}, error));
  SettingOverrides half_tls;
  half_tls.tls_certificate = "cert.pem";
  EXPECT_FALSE(load_settings(std::nullopt, {}, half_tls, error));
  EXPECT_NE(error.find("both"), std::string::npos) << error;
}

TEST(Settings, VerificationNamesItsToolchainsAndBoundsItsLimits) {
  std::string error;
  auto settings = load_settings(write_temporary("bpc_verify1.json", R"({"verification": {"typescriptDependencies": "/srv/ts/node_modules",
      "cpp": true, "timeLimitSeconds": 99999, "memoryMegabytes": 1}})"), {}, {}, error);
  ASSERT_TRUE(settings) << error;
  ASSERT_TRUE(settings->verification);
  EXPECT_EQ(settings->verification->node_modules, "/srv/ts/node_modules");
  EXPECT_EQ(settings->verification->python_environment, "");
  EXPECT_TRUE(settings->verification->cpp);
  EXPECT_EQ(settings->verification->time_limit_seconds, 3600u);
  EXPECT_EQ(settings->verification->memory_megabytes, 256u);
  EXPECT_EQ(settings->verification->processes, 512u);
  settings = load_settings(std::nullopt, {}, {}, error);
  ASSERT_TRUE(settings);
  EXPECT_FALSE(settings->verification);
  for (const auto& [text, problem] : std::vector<std::pair<std::string, std::string>>{
           {R"({"verification": {}})", "names no toolchain"},
           {R"({"verification": true})", "`verification` must be an object"},
           {R"({"verification": {"pythonEnvironment": "venv"}})", "`verification.pythonEnvironment` must be an absolute path"},
           {R"({"verification": {"cpp": "yes"}})", "`verification.cpp` must be true or false"},
           {R"({"verification": {"cpp": true, "processes": 0}})", "`verification.processes` must be a positive integer"},
           {R"({"verification": {"cpp": true, "network": true}})", "unknown setting `verification.network`"}}) {
    EXPECT_FALSE(load_settings(write_temporary("bpc_verify2.json", text), {}, {}, error)) << text;
    EXPECT_NE(error.find(problem), std::string::npos) << error;
  }
}

TEST(Settings, ProdModeInsistsOnKeyDataAndTls) {
  std::string error;
  const std::map<std::string, std::string> prod = {{"BPC_MODE", "prod"}};
  EXPECT_FALSE(load_settings(std::nullopt, prod, {}, error));
  EXPECT_NE(error.find("operator key"), std::string::npos);
  std::map<std::string, std::string> with_key = prod;
  with_key["BPC_OPERATOR_KEY"] = std::string(32, 'x');
  EXPECT_FALSE(load_settings(std::nullopt, with_key, {}, error));
  EXPECT_NE(error.find("--data"), std::string::npos);
  with_key["BPC_DATA_DIR"] = "/srv/bpc";
  EXPECT_TRUE(load_settings(std::nullopt, with_key, {}, error)) << error;
  with_key["BPC_LISTEN"] = "0.0.0.0:443";
  EXPECT_FALSE(load_settings(std::nullopt, with_key, {}, error));
  EXPECT_NE(error.find("TLS"), std::string::npos);
  // Dev mode takes the same without complaint.
  EXPECT_TRUE(load_settings(std::nullopt, {{"BPC_LISTEN", "0.0.0.0:8080"}}, {}, error)) << error;
}

}  // namespace
}  // namespace bpc::service
