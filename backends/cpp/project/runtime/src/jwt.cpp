#include "bpc/runtime/jwt.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string_view>

#include <httplib.h>
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h>

#include "bpc/runtime/values.h"

namespace bpc::runtime {

namespace {

constexpr std::size_t kMaxJwksBytes = std::size_t{1} << 20;
constexpr std::size_t kMaxTokenBytes = std::size_t{16} << 10;

struct PkeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

// base64url without padding, as JOSE writes it; nullopt for anything else.
std::optional<std::string> decode_base64url(std::string_view text) {
  if (text.find_first_of("+/=") != std::string_view::npos) return std::nullopt;
  std::string standard(text);
  std::replace(standard.begin(), standard.end(), '-', '+');
  std::replace(standard.begin(), standard.end(), '_', '/');
  if (standard.size() % 4 == 1) return std::nullopt;
  standard.append((4 - standard.size() % 4) % 4, '=');
  return decode_base64(standard, /*canonical=*/true);
}

std::optional<std::string> member_bytes(const Json& jwk, const char* name) {
  const auto it = jwk.find(name);
  if (it == jwk.end() || !it->is_string()) return std::nullopt;
  return decode_base64url(it->get<std::string>());
}

using ParamBuilder = std::unique_ptr<OSSL_PARAM_BLD, decltype(&OSSL_PARAM_BLD_free)>;

// The public key of `type` ("RSA", "EC") the built parameters describe; null when they do not.
Pkey public_key(const char* type, const ParamBuilder& build) {
  std::unique_ptr<OSSL_PARAM, decltype(&OSSL_PARAM_free)> params(OSSL_PARAM_BLD_to_param(build.get()), OSSL_PARAM_free);
  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> context(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr), EVP_PKEY_CTX_free);
  EVP_PKEY* key = nullptr;
  if (!params || !context || EVP_PKEY_fromdata_init(context.get()) != 1 || EVP_PKEY_fromdata(context.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    return nullptr;
  }
  return Pkey(key);
}

// An RSA public key from its modulus and exponent.
Pkey rsa_key(const std::string& n, const std::string& e) {
  std::unique_ptr<BIGNUM, decltype(&BN_free)> modulus(BN_bin2bn(reinterpret_cast<const unsigned char*>(n.data()), static_cast<int>(n.size()), nullptr), BN_free);
  std::unique_ptr<BIGNUM, decltype(&BN_free)> exponent(BN_bin2bn(reinterpret_cast<const unsigned char*>(e.data()), static_cast<int>(e.size()), nullptr), BN_free);
  ParamBuilder build(OSSL_PARAM_BLD_new(), OSSL_PARAM_BLD_free);
  if (!modulus || !exponent || !build || OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_N, modulus.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_E, exponent.get()) != 1) {
    return nullptr;
  }
  return public_key("RSA", build);
}

// An elliptic-curve public key from its curve (an OpenSSL group name) and uncompressed point.
Pkey ec_key(const char* group, const std::string& point) {
  ParamBuilder build(OSSL_PARAM_BLD_new(), OSSL_PARAM_BLD_free);
  if (!build || OSSL_PARAM_BLD_push_utf8_string(build.get(), OSSL_PKEY_PARAM_GROUP_NAME, group, 0) != 1 ||
      OSSL_PARAM_BLD_push_octet_string(build.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()) != 1) {
    return nullptr;
  }
  return public_key("EC", build);
}

struct Curve {
  const char* jwk;
  const char* group;
  const char* algorithm;
  std::size_t size;  // bytes of a coordinate, and of r and s in a signature
};
constexpr std::array<Curve, 3> kCurves{{{"P-256", "prime256v1", "ES256", 32}, {"P-384", "secp384r1", "ES384", 48}, {"P-521", "secp521r1", "ES512", 66}}};

const EVP_MD* digest_of(std::string_view algorithm) {
  if (algorithm.ends_with("256")) return EVP_sha256();
  if (algorithm.ends_with("384")) return EVP_sha384();
  if (algorithm.ends_with("512")) return EVP_sha512();
  return nullptr;
}

// A JWS ECDSA signature (r and s, each `size` bytes) as the DER that OpenSSL verifies.
std::optional<std::string> ecdsa_der(const std::string& signature, std::size_t size) {
  if (signature.size() != 2 * size) return std::nullopt;
  const auto* bytes = reinterpret_cast<const unsigned char*>(signature.data());
  BIGNUM* r = BN_bin2bn(bytes, static_cast<int>(size), nullptr);
  BIGNUM* s = BN_bin2bn(bytes + size, static_cast<int>(size), nullptr);
  std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> sig(ECDSA_SIG_new(), ECDSA_SIG_free);
  if (r == nullptr || s == nullptr || !sig || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
    BN_free(r);
    BN_free(s);
    return std::nullopt;
  }
  unsigned char* der = nullptr;
  const int length = i2d_ECDSA_SIG(sig.get(), &der);
  if (length <= 0) return std::nullopt;
  std::string out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(length));
  OPENSSL_free(der);
  return out;
}

const Json* claim_at(const Json& claims, const std::string& path) {
  const Json* value = &claims;
  for (std::size_t start = 0; start <= path.size();) {
    const std::size_t dot = std::min(path.find('.', start), path.size());
    if (!value->is_object()) return nullptr;
    const auto it = value->find(path.substr(start, dot - start));
    if (it == value->end()) return nullptr;
    value = &*it;
    start = dot + 1;
  }
  return value;
}

std::vector<std::string> roles_of(const Json* value) {
  std::vector<std::string> out;
  if (value == nullptr) return out;
  if (value->is_string()) {
    std::istringstream words(value->get<std::string>());
    for (std::string role; words >> role;) out.push_back(role);
  } else if (value->is_array()) {
    for (const Json& role : *value) {
      if (role.is_string() && !role.get<std::string>().empty()) out.push_back(role.get<std::string>());
    }
  }
  return out;
}

double system_seconds() { return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count(); }

}  // namespace

struct JwtVerifier::Key {
  std::string id{};
  bool has_id = false;
  std::string algorithm{};
  Pkey key{};
};

namespace {

// The signing keys of a JWKS document that this verifier can use; the others are left out.
std::vector<std::shared_ptr<const JwtVerifier::Key>> parse_keys(const std::string& text) {
  const Json document = Json::parse(text, nullptr, false);
  if (!document.is_object() || !document.contains("keys") || !document["keys"].is_array()) throw ConfigError("not a JWKS document (an object with \"keys\")");
  std::vector<std::shared_ptr<const JwtVerifier::Key>> out;
  for (const Json& jwk : document["keys"]) {
    if (!jwk.is_object() || jwk.value("use", "sig") != "sig") continue;
    auto key = std::make_shared<JwtVerifier::Key>();
    if (jwk.contains("kid") && jwk["kid"].is_string()) {
      key->id = jwk["kid"].get<std::string>();
      key->has_id = true;
    }
    const std::string type = jwk.value("kty", "");
    const std::string declared = jwk.contains("alg") && jwk["alg"].is_string() ? jwk["alg"].get<std::string>() : "";
    if (type == "RSA") {
      const auto n = member_bytes(jwk, "n");
      const auto e = member_bytes(jwk, "e");
      key->algorithm = declared.empty() ? "RS256" : declared;
      const bool rsa_algorithm = (key->algorithm.starts_with("RS") || key->algorithm.starts_with("PS")) && digest_of(key->algorithm) != nullptr;
      if (!n || !e || !rsa_algorithm) continue;
      key->key = rsa_key(*n, *e);
    } else if (type == "EC") {
      const std::string curve_name = jwk.value("crv", "");
      const auto* curve = std::find_if(kCurves.begin(), kCurves.end(), [&](const Curve& c) { return curve_name == c.jwk; });
      const auto x = member_bytes(jwk, "x");
      const auto y = member_bytes(jwk, "y");
      if (curve == kCurves.end() || !x || !y || x->size() != curve->size || y->size() != curve->size) continue;
      key->algorithm = curve->algorithm;
      if (!declared.empty() && declared != key->algorithm) continue;
      key->key = ec_key(curve->group, std::string(1, '\x04') + *x + *y);
    } else if (type == "OKP" && jwk.value("crv", "") == "Ed25519") {
      const auto x = member_bytes(jwk, "x");
      key->algorithm = "EdDSA";
      if (!x || (!declared.empty() && declared != "EdDSA")) continue;
      key->key = Pkey(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(x->data()), x->size()));
    }
    if (key->key) out.push_back(std::move(key));
  }
  return out;
}

bool signature_holds(const JwtVerifier::Key& key, const std::string& signed_part, const std::string& signature) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!context) return false;
  std::string checked = signature;
  EVP_PKEY_CTX* parameters = nullptr;
  if (key.algorithm == "EdDSA") {
    if (EVP_DigestVerifyInit(context.get(), nullptr, nullptr, nullptr, key.key.get()) != 1) return false;
  } else {
    if (EVP_DigestVerifyInit(context.get(), &parameters, digest_of(key.algorithm), nullptr, key.key.get()) != 1) return false;
    if (key.algorithm.starts_with("PS") && (EVP_PKEY_CTX_set_rsa_padding(parameters, RSA_PKCS1_PSS_PADDING) != 1 ||
                                            EVP_PKEY_CTX_set_rsa_pss_saltlen(parameters, RSA_PSS_SALTLEN_DIGEST) != 1)) {
      return false;
    }
    if (key.algorithm.starts_with("ES")) {
      const auto* curve = std::find_if(kCurves.begin(), kCurves.end(), [&](const Curve& c) { return key.algorithm == c.algorithm; });
      const std::optional<std::string> der = ecdsa_der(signature, curve->size);
      if (!der) return false;
      checked = *der;
    }
  }
  return EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char*>(checked.data()), checked.size(),
                          reinterpret_cast<const unsigned char*>(signed_part.data()), signed_part.size()) == 1;
}

std::string read_jwks_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw ConfigError("jwks: cannot read " + path);
  std::string text;
  text.resize(kMaxJwksBytes + 1);
  file.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(file.gcount()));
  if (text.size() > kMaxJwksBytes) throw ConfigError("jwks: " + path + " is larger than 1 MiB");
  return text;
}

}  // namespace

JwtVerifier::JwtVerifier(JwtOptions options, const Log& log)
    : options_(std::move(options)), log_(log), remote_(options_.jwks.starts_with("https://") || options_.jwks.starts_with("http://")) {
  if (!options_.now) options_.now = system_seconds;
  if (remote_) return;
  try {
    keys_ = parse_keys(read_jwks_file(options_.jwks));
  } catch (const ConfigError& error) {
    throw ConfigError(std::string(error.what()).starts_with("jwks:") ? error.what() : "jwks: " + options_.jwks + ": " + error.what());
  }
  if (keys_.empty()) throw ConfigError("jwks: " + options_.jwks + " holds no signing key this service can use (RSA, EC P-256/384/521, Ed25519)");
}

JwtVerifier::~JwtVerifier() = default;

void JwtVerifier::fetch_keys(double now) const {
  const std::string& url = options_.jwks;
  const std::size_t path_at = url.find('/', url.find("://") + 3);
  const std::string origin = url.substr(0, path_at);
  const std::string path = path_at == std::string::npos ? "/" : url.substr(path_at);
  try {
    httplib::Client client(origin);
    client.set_connection_timeout(5);
    client.set_read_timeout(5);
    std::string body;
    bool too_large = false;
    const httplib::Result result = client.Get(path, [&](const char* data, std::size_t size) {
      body.append(data, size);
      too_large = body.size() > kMaxJwksBytes;
      return !too_large;
    });
    if (too_large) throw ConfigError("the key set is larger than 1 MiB");
    if (!result) throw ConfigError(httplib::to_string(result.error()));
    if (result->status != 200) throw ConfigError("status " + std::to_string(result->status));
    auto keys = parse_keys(body);
    const std::lock_guard guard(lock_);
    keys_ = std::move(keys);
    fetched_at_ = now;
  } catch (const std::exception& error) {
    log_.write(LogLevel::Warning, "bpc.tokens", "cannot fetch the JSON Web Key Set", Json{{"jwks", url}, {"error", error.what()}});
  }
}

std::shared_ptr<const JwtVerifier::Key> JwtVerifier::key_for(const std::string& key_id, bool has_key_id) const {
  const auto find = [&]() -> std::shared_ptr<const Key> {
    std::shared_ptr<const Key> found;
    for (const auto& key : keys_) {
      if (has_key_id && key->id != key_id) continue;
      if (found) return nullptr;  // no single key
      found = key;
    }
    return found;
  };
  const double now = options_.now();
  {
    const std::lock_guard guard(lock_);
    std::shared_ptr<const Key> found = find();
    if (!remote_) return found;
    const bool stale = now - fetched_at_ > options_.keys_lifespan;
    const bool unseen = !found && now - fetched_at_ >= options_.refresh_cooldown;
    if (found && !stale) return found;
    if (!stale && !unseen) return found;
    fetched_at_ = now;  // concurrent requests use what there is meanwhile
  }
  fetch_keys(now);
  const std::lock_guard guard(lock_);
  return find();
}

std::optional<Principal> JwtVerifier::verify(const std::string& token) const {
  const auto refuse = [&](const std::string& why) -> std::optional<Principal> {
    log_.write(LogLevel::Debug, "bpc.tokens", "bearer token refused: " + why);
    return std::nullopt;
  };
  if (token.size() > kMaxTokenBytes) return refuse("longer than 16 KiB");
  const std::size_t first = token.find('.');
  const std::size_t second = first == std::string::npos ? first : token.find('.', first + 1);
  if (second == std::string::npos || token.find('.', second + 1) != std::string::npos) return refuse("not a JWS in compact form");
  const auto header_text = decode_base64url(std::string_view(token).substr(0, first));
  const auto claims_text = decode_base64url(std::string_view(token).substr(first + 1, second - first - 1));
  const auto signature = decode_base64url(std::string_view(token).substr(second + 1));
  if (!header_text || !claims_text || !signature) return refuse("not base64url");
  const Json header = Json::parse(*header_text, nullptr, false);
  const Json claims = Json::parse(*claims_text, nullptr, false);
  if (!header.is_object() || !claims.is_object()) return refuse("header or claims are not JSON objects");
  if (!header.contains("alg") || !header["alg"].is_string()) return refuse("no algorithm");
  const bool has_key_id = header.contains("kid");
  if (has_key_id && !header["kid"].is_string()) return refuse("a key id that is not a string");
  const std::shared_ptr<const Key> key = key_for(has_key_id ? header["kid"].get<std::string>() : "", has_key_id);
  if (!key) return refuse("no single key for its key id");
  // The key's own algorithm, and only that.
  if (header["alg"].get<std::string>() != key->algorithm) return refuse("algorithm " + header["alg"].get<std::string>() + " is not its key's");
  if (!signature_holds(*key, token.substr(0, second), *signature)) return refuse("the signature does not hold");

  const double now = options_.now();
  const auto time_claim = [&](const char* name) -> std::optional<double> {
    const auto it = claims.find(name);
    if (it == claims.end() || !it->is_number() || !std::isfinite(it->get<double>())) return std::nullopt;
    return it->get<double>();
  };
  const std::optional<double> expires = time_claim("exp");
  if (!expires) return refuse("no exp");
  if (now > *expires + options_.leeway) return refuse("expired");
  if (claims.contains("nbf") && (!time_claim("nbf") || now + options_.leeway < *time_claim("nbf"))) return refuse("not valid yet (nbf)");
  if (claims.contains("iat") && (!time_claim("iat") || now + options_.leeway < *time_claim("iat"))) return refuse("issued in the future (iat)");
  if (!claims.contains("iss") || claims["iss"] != options_.issuer) return refuse("another issuer");
  const auto audience = claims.find("aud");
  const bool for_us = audience != claims.end() && (*audience == options_.audience || (audience->is_array() && std::find(audience->begin(), audience->end(), options_.audience) != audience->end()));
  if (!for_us) return refuse("another audience");
  if (!claims.contains("sub") || !claims["sub"].is_string() || claims["sub"].get<std::string>().empty()) return refuse("no subject");

  Principal principal{claims["sub"].get<std::string>(), roles_of(claim_at(claims, options_.roles_claim)), std::nullopt};
  if (const Json* tenant = claim_at(claims, options_.tenant_claim); tenant != nullptr) {
    if (tenant->is_string()) principal.tenant = tenant->get<std::string>();
    else if (tenant->is_number_integer()) principal.tenant = tenant->dump();
  }
  return principal;
}

std::optional<Principal> ChainVerifier::verify(const std::string& token) const {
  for (const auto& verifier : verifiers_) {
    if (std::optional<Principal> principal = verifier->verify(token)) return principal;
  }
  return std::nullopt;
}

std::unique_ptr<TokenVerifier> verifier_for(const Settings& settings, const Log& log) {
  std::vector<std::unique_ptr<TokenVerifier>> verifiers;
  if (!settings.jwt_issuer.empty()) {
    verifiers.push_back(std::make_unique<JwtVerifier>(JwtOptions{.issuer = settings.jwt_issuer,
                                                                 .audience = settings.jwt_audience,
                                                                 .jwks = settings.jwks,
                                                                 .roles_claim = settings.jwt_roles_claim,
                                                                 .tenant_claim = settings.jwt_tenant_claim},
                                                      log));
  }
  if (!settings.dev_tokens.empty()) verifiers.push_back(std::make_unique<StaticTokenVerifier>(settings.dev_tokens));
  if (verifiers.size() == 1) return std::move(verifiers.front());
  return std::make_unique<ChainVerifier>(std::move(verifiers));
}

}  // namespace bpc::runtime
