#include <cstdio>
#include <string>

#include <gtest/gtest.h>

#include "lsp/transport.h"
#include "lsp/uri.h"

namespace bpc::lsp {
namespace {

// A stream holding `text`, for read_message.
struct Input {
  explicit Input(const std::string& text) {
    file = std::tmpfile();
    std::fwrite(text.data(), 1, text.size(), file);
    std::rewind(file);
  }
  ~Input() { std::fclose(file); }
  std::FILE* file;
};

TEST(Transport, ReadsFramedMessagesInOrder) {
  Input input("Content-Length: 2\r\n\r\n{}Content-Type: x\r\ncontent-length:  7 \r\n\r\n[1,2,3]");
  std::string error;
  EXPECT_EQ(read_message(input.file, error), "{}");
  EXPECT_EQ(read_message(input.file, error), "[1,2,3]");
  EXPECT_EQ(read_message(input.file, error), std::nullopt);
  EXPECT_EQ(error, "");  // a clean end
}

TEST(Transport, ReportsBrokenFraming) {
  const std::pair<std::string, std::string> cases[] = {
      {"Content-Length: 10\r\n\r\n{}", "the stream ended inside a message's body"},
      {"Content-Length: ten\r\n\r\n", "Content-Length is not a number"},
      {"X: 1\r\n\r\n{}", "a message has no Content-Length header"},
      {"no colon here\r\n\r\n", "a header line has no `:`"},
      {"Content-Length: 999999999999\r\n\r\n", "a message of 999999999999 bytes is over the limit of 268435456"},
      {"Content-Length: 2\r\n", "the stream ended inside a message's headers"},
      {std::string(10000, 'x') + "\r\n", "a header line is longer than 8192 bytes"},
  };
  for (const auto& [text, message] : cases) {
    Input input(text);
    std::string error;
    EXPECT_EQ(read_message(input.file, error), std::nullopt) << text.substr(0, 40);
    EXPECT_EQ(error, message) << text.substr(0, 40);
  }
}

TEST(Transport, WritesContentLengthInBytes) {
  std::FILE* out = std::tmpfile();
  MessageWriter writer(out);
  ASSERT_TRUE(writer.write("{\"a\":\"é\"}"));
  std::rewind(out);
  char buffer[64] = {};
  const std::size_t read = std::fread(buffer, 1, sizeof buffer, out);
  EXPECT_EQ(std::string(buffer, read), "Content-Length: 10\r\n\r\n{\"a\":\"é\"}");
  std::fclose(out);
}

TEST(Uri, FileUrisRoundTripWithPercentEncoding) {
  EXPECT_EQ(file_uri_to_path("file:///home/me/a%20b/%C3%A9.bpl"), "/home/me/a b/é.bpl");
  EXPECT_EQ(file_uri_to_path("FILE://localhost/x.bpl"), "/x.bpl");
  EXPECT_EQ(path_to_file_uri("/home/me/a b/é#1.bpl"), "file:///home/me/a%20b/%C3%A9%231.bpl");
  EXPECT_EQ(file_uri_to_path(path_to_file_uri("/a/[x]?.bpl")), "/a/[x]?.bpl");
}

TEST(Uri, RefusesOtherMachinesAndBrokenEscapes) {
  EXPECT_EQ(file_uri_to_path("file://server/share/x.bpl"), std::nullopt);
  EXPECT_EQ(file_uri_to_path("file:///x%2.bpl"), std::nullopt);
  EXPECT_EQ(file_uri_to_path("file:///x%00.bpl"), std::nullopt);
  EXPECT_EQ(file_uri_to_path("untitled:Untitled-1"), std::nullopt);
}

TEST(Uri, OtherSchemesMapToVirtualPathsAndBack) {
  const std::string path = uri_to_path("untitled:Untitled-1");
  EXPECT_TRUE(path.starts_with(kVirtualRoot)) << path;
  EXPECT_EQ(path.find('/', kVirtualRoot.size()), std::string::npos) << "one path component: " << path;
  EXPECT_EQ(path_to_uri(path), "untitled:Untitled-1");
  EXPECT_EQ(path_to_uri(uri_to_path("file:///a/b.bpl")), "file:///a/b.bpl");
}

}  // namespace
}  // namespace bpc::lsp
