// JSON Web Tokens, the same in every project: tokens signed with keys the tests make (RSA, PSS,
// P-256, Ed25519), from a JWKS file and from a JWKS URL the tests serve, and every way a token
// must be refused.

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include "bpc/runtime/events.h"
#include "bpc/runtime/jwt.h"
#include "bpc/runtime/log.h"
#include "temp_file.h"

namespace bpc::testing {
namespace {

using runtime::Json;

struct PkeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};

std::string base64url(const std::string& bytes) {
  std::string text = runtime::encode_base64(bytes);
  std::erase(text, '=');
  for (char& c : text) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  return text;
}

std::string big_endian(const BIGNUM* number) {
  std::string out(static_cast<std::size_t>(BN_num_bytes(number)), '\0');
  BN_bn2bin(number, reinterpret_cast<unsigned char*>(out.data()));
  return out;
}

// A key pair the tests sign with, and its public half as a JWK.
struct TestKey {
  std::unique_ptr<EVP_PKEY, PkeyFree> key;
  std::string algorithm;
  Json jwk;
};

TestKey rsa_key(const std::string& id, const std::string& algorithm = "RS256") {
  TestKey out{std::unique_ptr<EVP_PKEY, PkeyFree>(EVP_RSA_gen(2048)), algorithm, Json()};
  BIGNUM* n = nullptr;
  BIGNUM* e = nullptr;
  EVP_PKEY_get_bn_param(out.key.get(), OSSL_PKEY_PARAM_RSA_N, &n);
  EVP_PKEY_get_bn_param(out.key.get(), OSSL_PKEY_PARAM_RSA_E, &e);
  out.jwk = Json{{"kty", "RSA"}, {"kid", id}, {"use", "sig"}, {"n", base64url(big_endian(n))}, {"e", base64url(big_endian(e))}};
  if (algorithm != "RS256") out.jwk["alg"] = algorithm;
  BN_free(n);
  BN_free(e);
  return out;
}

TestKey ec_key(const std::string& id) {
  TestKey out{std::unique_ptr<EVP_PKEY, PkeyFree>(EVP_EC_gen("P-256")), "ES256", Json()};
  std::string point(65, '\0');
  std::size_t size = 0;
  EVP_PKEY_get_octet_string_param(out.key.get(), OSSL_PKEY_PARAM_PUB_KEY, reinterpret_cast<unsigned char*>(point.data()), point.size(), &size);
  out.jwk = Json{{"kty", "EC"}, {"kid", id}, {"crv", "P-256"}, {"x", base64url(point.substr(1, 32))}, {"y", base64url(point.substr(33, 32))}};
  return out;
}

TestKey ed_key(const std::string& id) {
  TestKey out{std::unique_ptr<EVP_PKEY, PkeyFree>(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519")), "EdDSA", Json()};
  std::string raw(32, '\0');
  std::size_t size = raw.size();
  EVP_PKEY_get_raw_public_key(out.key.get(), reinterpret_cast<unsigned char*>(raw.data()), &size);
  out.jwk = Json{{"kty", "OKP"}, {"kid", id}, {"crv", "Ed25519"}, {"x", base64url(raw)}};
  return out;
}

std::string signature(const TestKey& key, const std::string& input) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EVP_PKEY_CTX* parameters = nullptr;
  const EVP_MD* digest = key.algorithm == "EdDSA" ? nullptr : EVP_sha256();
  EVP_DigestSignInit(context.get(), &parameters, digest, nullptr, key.key.get());
  if (key.algorithm.starts_with("PS")) {
    EVP_PKEY_CTX_set_rsa_padding(parameters, RSA_PKCS1_PSS_PADDING);
    EVP_PKEY_CTX_set_rsa_pss_saltlen(parameters, RSA_PSS_SALTLEN_DIGEST);
  }
  std::size_t size = 0;
  EVP_DigestSign(context.get(), nullptr, &size, reinterpret_cast<const unsigned char*>(input.data()), input.size());
  std::string out(size, '\0');
  EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(out.data()), &size, reinterpret_cast<const unsigned char*>(input.data()), input.size());
  out.resize(size);
  if (key.algorithm != "ES256") return out;
  // JWS writes an ECDSA signature as r and s of 32 bytes each, not as DER.
  const auto* der = reinterpret_cast<const unsigned char*>(out.data());
  std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> sig(d2i_ECDSA_SIG(nullptr, &der, static_cast<long>(out.size())), ECDSA_SIG_free);
  std::string raw(64, '\0');
  BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), reinterpret_cast<unsigned char*>(raw.data()), 32);
  BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), reinterpret_cast<unsigned char*>(raw.data()) + 32, 32);
  return raw;
}

std::int64_t now() { return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count(); }

Json claims(const Json& changes = Json::object()) {
  Json out{{"iss", "https://id.example"}, {"aud", "orders-api"}, {"sub", "user-1"}, {"exp", now() + 600}, {"iat", now()}, {"roles", {"Admin", "Clerk"}}, {"tenant", "acme"}};
  for (const auto& [name, value] : changes.items()) {
    if (value.is_null()) out.erase(name);
    else out[name] = value;
  }
  return out;
}

std::string token(const TestKey& key, const Json& body, Json header = Json::object()) {
  if (!header.contains("alg")) header["alg"] = key.algorithm;
  if (!header.contains("kid")) header["kid"] = key.jwk["kid"];
  if (header["kid"].is_null()) header.erase("kid");
  const std::string input = base64url(header.dump()) + "." + base64url(body.dump());
  return input + "." + base64url(signature(key, input));
}

// A JWKS file of these keys.
TempFile jwks_file(const Json& keys) { return TempFile(Json{{"keys", keys}}.dump(), ".json"); }

const runtime::Log& quiet_log() {
  static const runtime::Log log(runtime::LogLevel::Error, [](const std::string&) {});
  return log;
}

runtime::JwtOptions options(const std::string& jwks) {
  return runtime::JwtOptions{.issuer = "https://id.example", .audience = "orders-api", .jwks = jwks};
}

class Tokens : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    keys = std::make_unique<Keys>(Keys{rsa_key("rsa-1"), rsa_key("pss-1", "PS256"), ec_key("ec-1"), ed_key("ed-1")});
  }
  static void TearDownTestSuite() { keys.reset(); }

  struct Keys {
    TestKey rsa, pss, ec, ed;
  };
  static std::unique_ptr<Keys> keys;
};
std::unique_ptr<Tokens::Keys> Tokens::keys;

TEST_F(Tokens, EveryAlgorithmOfItsKeyIsAccepted) {
  const TempFile file = jwks_file(Json::array({keys->rsa.jwk, keys->pss.jwk, keys->ec.jwk, keys->ed.jwk}));
  const runtime::JwtVerifier verifier(options(file.path()), quiet_log());
  for (const TestKey* key : {&keys->rsa, &keys->pss, &keys->ec, &keys->ed}) {
    const std::optional<runtime::Principal> principal = verifier.verify(token(*key, claims()));
    ASSERT_TRUE(principal.has_value()) << key->algorithm;
    EXPECT_EQ(principal->subject, "user-1");
    EXPECT_EQ(principal->roles, (std::vector<std::string>{"Admin", "Clerk"}));
    EXPECT_EQ(principal->tenant, std::optional<std::string>("acme"));
  }
}

TEST_F(Tokens, RolesAndTenantComeFromTheConfiguredClaims) {
  const TempFile file = jwks_file(Json::array({keys->rsa.jwk}));
  runtime::JwtOptions settings = options(file.path());
  settings.roles_claim = "realm_access.roles";
  settings.tenant_claim = "org";
  const runtime::JwtVerifier verifier(settings, quiet_log());
  const auto principal = verifier.verify(token(keys->rsa, claims(Json{{"realm_access", {{"roles", "Admin  Auditor"}}}, {"org", 42}, {"roles", nullptr}})));
  ASSERT_TRUE(principal.has_value());
  EXPECT_EQ(principal->roles, (std::vector<std::string>{"Admin", "Auditor"}));
  EXPECT_EQ(principal->tenant, std::optional<std::string>("42"));
  const auto without = verifier.verify(token(keys->rsa, claims(Json{{"roles", nullptr}, {"tenant", nullptr}})));
  ASSERT_TRUE(without.has_value()) << "a token without roles or tenant is a principal with none";
  EXPECT_TRUE(without->roles.empty());
  EXPECT_FALSE(without->tenant.has_value());
}

TEST_F(Tokens, EveryBadTokenIsRefused) {
  const TempFile file = jwks_file(Json::array({keys->rsa.jwk, keys->ec.jwk}));
  const runtime::JwtVerifier verifier(options(file.path()), quiet_log());
  const auto refused = [&](const std::string& text) { return !verifier.verify(text).has_value(); };
  EXPECT_TRUE(refused(token(keys->rsa, claims(Json{{"iss", "https://evil.example"}})))) << "another issuer";
  EXPECT_TRUE(refused(token(keys->rsa, claims(Json{{"aud", "other-api"}})))) << "another audience";
  EXPECT_FALSE(refused(token(keys->rsa, claims(Json{{"aud", {"other-api", "orders-api"}}})))) << "one audience of several";
  EXPECT_TRUE(refused(token(keys->rsa, claims(Json{{"exp", now() - 120}})))) << "expired";
  EXPECT_FALSE(refused(token(keys->rsa, claims(Json{{"exp", now() - 10}})))) << "expired within the leeway";
  EXPECT_TRUE(refused(token(keys->rsa, claims(Json{{"exp", nullptr}})))) << "no exp";
  EXPECT_TRUE(refused(token(keys->rsa, claims(Json{{"nbf", now() + 600}})))) << "not valid yet";
  EXPECT_TRUE(refused(token(keys->rsa, claims(Json{{"iat", now() + 600}})))) << "issued in the future";
  EXPECT_TRUE(refused(token(keys->rsa, claims(Json{{"sub", nullptr}})))) << "no subject";
  EXPECT_TRUE(refused(token(keys->rsa, claims(Json{{"sub", ""}})))) << "an empty subject";
  EXPECT_TRUE(refused(token(keys->rsa, claims(), Json{{"kid", "unknown"}}))) << "an unknown key id";
  EXPECT_TRUE(refused(token(keys->rsa, claims(), Json{{"kid", nullptr}}))) << "no key id, and two keys";
  EXPECT_TRUE(refused(token(keys->rsa, claims(), Json{{"alg", "RS512"}}))) << "an algorithm that is not the key's";
  EXPECT_TRUE(refused(token(keys->ec, claims(), Json{{"kid", "rsa-1"}}))) << "signed by another key";
  // alg none, and HS256 with the public key's modulus as the secret: never accepted.
  const std::string body = base64url(claims().dump());
  EXPECT_TRUE(refused(base64url(R"({"alg":"none","kid":"rsa-1"})") + "." + body + "."));
  EXPECT_TRUE(refused(base64url(R"({"alg":"HS256","kid":"rsa-1"})") + "." + body + "." + base64url(std::string(32, 'x'))));
  // The claims changed after signing.
  std::string tampered = token(keys->rsa, claims());
  const std::size_t dot = tampered.find('.');
  tampered.replace(dot + 1, tampered.find('.', dot + 1) - dot - 1, base64url(claims(Json{{"roles", {"Owner"}}}).dump()));
  EXPECT_TRUE(refused(tampered));
  for (const std::string& junk : {std::string(), std::string("a.b"), std::string("a.b.c.d"), std::string("!!!.???.###"), std::string(20000, 'a')}) {
    EXPECT_TRUE(refused(junk)) << junk.substr(0, 20);
  }
}

TEST_F(Tokens, AnUnusableKeySetIsAConfigurationError) {
  EXPECT_THROW(runtime::JwtVerifier(options("/no/such/jwks.json"), quiet_log()), runtime::ConfigError);
  const TempFile empty = jwks_file(Json::array({Json{{"kty", "oct"}, {"k", "c2VjcmV0"}}}));
  EXPECT_THROW(runtime::JwtVerifier(options(empty.path()), quiet_log()), runtime::ConfigError) << "a shared secret is no signing key here";
}

TEST_F(Tokens, AKeySetUrlIsFetchedAgainForANewKeyIdAtMostOncePerCooldown) {
  std::mutex lock;
  Json served = Json::array({keys->rsa.jwk});
  std::atomic<int> fetches{0};
  httplib::Server provider;
  provider.Get("/jwks.json", [&](const httplib::Request&, httplib::Response& res) {
    ++fetches;
    const std::lock_guard guard(lock);
    res.set_content(Json{{"keys", served}}.dump(), "application/json");
  });
  const int port = provider.bind_to_any_port("127.0.0.1");
  std::thread serving([&] { provider.listen_after_bind(); });
  while (!provider.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));

  double clock = 1000;
  runtime::JwtOptions settings = options("http://127.0.0.1:" + std::to_string(port) + "/jwks.json");
  settings.now = [&clock] { return clock; };
  settings.leeway = 1e12;  // the claims' times are real ones; this test's clock is not
  const runtime::JwtVerifier verifier(settings, quiet_log());
  EXPECT_TRUE(verifier.verify(token(keys->rsa, claims())).has_value());
  EXPECT_EQ(fetches.load(), 1);
  EXPECT_TRUE(verifier.verify(token(keys->rsa, claims())).has_value());
  EXPECT_EQ(fetches.load(), 1) << "the set is cached";
  {
    const std::lock_guard guard(lock);
    served.push_back(keys->ec.jwk);  // the provider adds a key
  }
  clock += 31;
  EXPECT_TRUE(verifier.verify(token(keys->ec, claims())).has_value()) << "a new key id fetches the set again";
  EXPECT_EQ(fetches.load(), 2);
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(verifier.verify(token(keys->ec, claims(), Json{{"kid", "made-up-" + std::to_string(i)}})).has_value());
  EXPECT_EQ(fetches.load(), 2) << "made-up key ids within the cooldown fetch nothing";
  clock += 301;
  EXPECT_TRUE(verifier.verify(token(keys->rsa, claims())).has_value());
  EXPECT_EQ(fetches.load(), 3) << "a set older than its lifespan is fetched again";
  provider.stop();
  serving.join();
}

TEST_F(Tokens, TheSettingsChainRealTokensAndDevelopmentTokens) {
  const TempFile file = jwks_file(Json::array({keys->ed.jwk}));
  runtime::Settings settings;
  settings.jwt_issuer = "https://id.example";
  settings.jwt_audience = "orders-api";
  settings.jwks = file.path();
  settings.dev_tokens = "dev=Admin";
  const std::unique_ptr<runtime::TokenVerifier> verifier = runtime::verifier_for(settings, quiet_log());
  EXPECT_EQ(verifier->verify(token(keys->ed, claims()))->subject, "user-1");
  EXPECT_EQ(verifier->verify("dev")->roles, (std::vector<std::string>{"Admin"}));
  EXPECT_FALSE(verifier->verify("nobody").has_value());
  EXPECT_FALSE(runtime::verifier_for(runtime::Settings{}, quiet_log())->verify("dev").has_value()) << "no settings, no tokens";
}

}  // namespace
}  // namespace bpc::testing
