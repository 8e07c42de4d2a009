// The sandbox (runtime/sandbox.h) against what a hostile plugin or generated project would try.
// Skipped, with the reason, only where bubblewrap cannot create namespaces at all.

#include "runtime/sandbox.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

namespace bpc::runtime {
namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class SandboxTest : public testing::Test {
 protected:
  void SetUp() override {
    if (const auto why = sandbox_unavailable()) GTEST_SKIP() << "no sandbox here: " << *why;
    root_ = std::filesystem::temp_directory_path() /
            ("bpc-sandbox-test-" + std::to_string(::getpid()) + "-" +
             testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(root_ / "work");
    std::filesystem::create_directories(root_ / "outside");
    policy_.work_directory = (root_ / "work").string();
    policy_.time_limit = std::chrono::seconds(20);
  }
  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove_all(root_, ignored);
  }

  SandboxResult run(const std::string& script, const std::string& input = "") {
    return run_sandboxed({"/bin/sh", "-c", script}, input, policy_);
  }

  std::filesystem::path root_;
  SandboxPolicy policy_;
};

TEST_F(SandboxTest, RunsAProgramWithItsInputAndKeepsItsOutput) {
  const SandboxResult result = run("read line; echo \"got $line in $PWD as $HOME\"; echo oops >&2; exit 3", "hello\n");
  ASSERT_TRUE(result.started) << result.error;
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_EQ(result.output, "got hello in /work as /work\n");
  EXPECT_EQ(result.errors, "oops\n");
  EXPECT_FALSE(result.timed_out);
}

TEST_F(SandboxTest, WritesOnlyItsWorkDirectory) {
  const std::filesystem::path outside = root_ / "outside" / "victim.txt";
  std::ofstream(outside) << "untouched";
  policy_.read_only_paths.push_back((root_ / "outside").string());
  const SandboxResult result = run("echo made > /work/made.txt; "
                                   "echo pwned > " + outside.string() + " 2>/dev/null && echo WROTE-OUTSIDE; "
                                   "echo pwned > /usr/pwned 2>/dev/null && echo WROTE-USR; "
                                   "echo pwned > /etc/pwned 2>/dev/null && echo WROTE-ETC; "
                                   "ls /root /home " + std::filesystem::temp_directory_path().string() +
                                   "/bpc-sandbox-test-* 2>/dev/null && echo SAW-HOST; true");
  ASSERT_TRUE(result.succeeded()) << result.error << result.errors;
  EXPECT_EQ(result.output, "");
  EXPECT_EQ(read_file(outside), "untouched");
  EXPECT_FALSE(std::filesystem::exists("/usr/pwned"));
  EXPECT_FALSE(std::filesystem::exists("/etc/pwned"));
  EXPECT_EQ(read_file(root_ / "work" / "made.txt"), "made\n");
}

TEST_F(SandboxTest, HasNoNetworkNotEvenTheHostsLoopback) {
  // A server on the host's loopback, which the sandbox must not reach.
  const int server = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(server, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(::listen(server, 1), 0);
  socklen_t length = sizeof address;
  ::getsockname(server, reinterpret_cast<sockaddr*>(&address), &length);
  const int port = ntohs(address.sin_port);
  const SandboxResult result = run_sandboxed(
      {"/usr/bin/python3", "-c",
       "import socket\n"
       "for host, port in (('127.0.0.1', " + std::to_string(port) + "), ('1.1.1.1', 80)):\n"
       "    try:\n"
       "        socket.create_connection((host, port), timeout=2); print('REACHED', host)\n"
       "    except OSError as error: print('refused', host)\n"},
      "", policy_);
  ::close(server);
  ASSERT_TRUE(result.succeeded()) << result.error << result.errors;
  EXPECT_EQ(result.output, "refused 127.0.0.1\nrefused 1.1.1.1\n");
}

TEST_F(SandboxTest, AnEndlessLoopIsKilledAtTheTimeLimit) {
  policy_.time_limit = std::chrono::milliseconds(1500);
  const SandboxResult result = run("while :; do :; done");
  EXPECT_TRUE(result.started);
  EXPECT_TRUE(result.timed_out);
  EXPECT_FALSE(result.succeeded());
  EXPECT_LT(result.elapsed, std::chrono::seconds(5));
}

TEST_F(SandboxTest, ACancelledSandboxIsKilledPromptly) {
  CancellationSource cancellation;
  policy_.cancellation = cancellation.token();
  policy_.time_limit = std::chrono::seconds(30);
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    cancellation.cancel();
  });
  const SandboxResult result = run("echo started; sleep 60");
  canceller.join();
  EXPECT_TRUE(result.started);
  EXPECT_TRUE(result.cancelled);
  EXPECT_FALSE(result.timed_out);
  EXPECT_FALSE(result.succeeded());
  EXPECT_EQ(result.output, "started\n");
  EXPECT_LT(result.elapsed, std::chrono::seconds(3));
}

TEST_F(SandboxTest, AForkBombIsContainedAndLeavesNothingBehind) {
  policy_.processes = 64;
  policy_.time_limit = std::chrono::seconds(3);
  const SandboxResult result = run("b() { b | b & }; b; sleep 10");
  EXPECT_TRUE(result.started);
  EXPECT_FALSE(result.succeeded());
  EXPECT_LT(result.elapsed, std::chrono::seconds(8));
  // Every process it started is gone with its PID namespace (the last, bwrap's init, once the
  // machine's init has reaped it).
  if (!result.user) return;  // only as root does the sandbox have a user of its own to count
  const auto sandboxed_processes = [&] {
    std::vector<std::string> found;
    for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
      const std::string status = read_file(entry.path() / "status");
      if (status.find("\nUid:\t" + std::to_string(*result.user) + "\t") != std::string::npos) {
        found.push_back(status.substr(0, status.find("\nUmask")));
      }
    }
    return found;
  };
  std::vector<std::string> left = sandboxed_processes();
  for (int tries = 0; tries < 50 && !left.empty(); ++tries) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    left = sandboxed_processes();
  }
  EXPECT_EQ(left, std::vector<std::string>{});
}

TEST_F(SandboxTest, AMemoryHogIsRefusedItsMemory) {
  policy_.memory_bytes = 256ull << 20;
  const SandboxResult result =
      run_sandboxed({"/usr/bin/python3", "-c", "x = bytearray(1 << 30)\nprint('GOT A GIGABYTE')"}, "", policy_);
  ASSERT_TRUE(result.started);
  EXPECT_NE(result.exit_code, 0);
  EXPECT_EQ(result.output, "");
  EXPECT_NE(result.errors.find("MemoryError"), std::string::npos) << result.errors;
}

TEST_F(SandboxTest, AnOutputFloodIsCutAtTheBound) {
  policy_.output_bytes = 1000;
  const SandboxResult result = run("head -c 5000000 /dev/zero; echo done >&2");
  ASSERT_TRUE(result.succeeded()) << result.error;
  EXPECT_EQ(result.output.size(), 1000u);
  EXPECT_TRUE(result.output_truncated);
  EXPECT_EQ(result.errors, "done\n");
}

TEST_F(SandboxTest, AProgramThatCannotStartIsReported) {
  const SandboxResult result = run_sandboxed({"/no/such/program"}, "", policy_);
  EXPECT_TRUE(result.started);  // bwrap ran; the program inside did not
  EXPECT_FALSE(result.succeeded());
  EXPECT_NE(result.errors.find("/no/such/program"), std::string::npos) << result.errors;
}

}  // namespace
}  // namespace bpc::runtime
