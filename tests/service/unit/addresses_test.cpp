#include "service/addresses.h"

#include <gtest/gtest.h>

#include "service/webhooks.h"

namespace bpc::service {
namespace {

TEST(Addresses, OnlyPublicAddressesArePublic) {
  for (const char* inside : {"127.0.0.1", "127.255.0.9", "0.0.0.0", "10.1.2.3", "172.16.0.1", "172.31.255.255",
                             "192.168.1.1", "169.254.169.254", "100.64.0.1", "224.0.0.1", "255.255.255.255",
                             "192.0.2.10", "198.18.0.1", "::", "::1", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1",
                             "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::10.0.0.1", "64:ff9b::a00:1",
                             "2002:7f00:1::", "2001:db8::1"}) {
    EXPECT_FALSE(is_public_address_literal(inside)) << inside;
  }
  for (const char* outside : {"8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111",
                              "::ffff:8.8.8.8", "2002:808:808::"}) {
    EXPECT_TRUE(is_public_address_literal(outside)) << outside;
  }
  EXPECT_FALSE(is_public_address_literal("example.com"));
}

TEST(Addresses, ResolvingRefusesNamesOfPrivateAddresses) {
  EXPECT_EQ(resolve_destination("127.0.0.1", false).address, "127.0.0.1");
  const Destination refused = resolve_destination("localhost", true);
  EXPECT_TRUE(refused.address.empty());
  EXPECT_NE(refused.error.find("not a public address"), std::string::npos) << refused.error;
  EXPECT_FALSE(resolve_destination("localhost", false).address.empty());
}

TEST(Addresses, UrlHosts) {
  EXPECT_EQ(url_host("https://example.com/hook"), "example.com");
  EXPECT_EQ(url_host("http://10.0.0.1:8080?x=1"), "10.0.0.1");
  EXPECT_EQ(url_host("https://[::1]:443/a"), "::1");
}

TEST(Addresses, ProductionRefusesPrivateLiteralsWhenRegistered) {
  EXPECT_TRUE(webhook_url_problem("https://169.254.169.254/latest/meta-data", true));
  EXPECT_TRUE(webhook_url_problem("https://[::ffff:127.0.0.1]/", true));
  EXPECT_TRUE(webhook_url_problem("http://8.8.8.8/", true));  // plain HTTP
  EXPECT_FALSE(webhook_url_problem("https://8.8.8.8/", true));
  EXPECT_FALSE(webhook_url_problem("https://hooks.example.com/", true));
  EXPECT_FALSE(webhook_url_problem("http://127.0.0.1:9/", false));  // dev: the local receiver
}

}  // namespace
}  // namespace bpc::service
