#pragma once

// Bearer tokens for real: a verifier of JSON Web Tokens signed by an identity provider.
// JwtVerifier accepts a token when its signature checks (OpenSSL) against a key of the provider's
// JWKS — a file, or an http(s) URL whose keys are fetched and cached for five minutes, and fetched
// again for a key id not yet seen at most once per cooldown, so made-up key ids cannot make the
// service hammer the provider — with the key's own algorithm, an asymmetric one (RS*, PS*, ES*,
// EdDSA: never `none`, never HMAC, where a public key would double as a shared secret), and its
// `iss`, `aud`, `exp`, `sub` (and `nbf`, `iat` when present) hold, with 30 seconds of leeway. The
// principal's subject is `sub`; its roles come from a claim (`roles` by default; a dotted path such
// as `realm_access.roles` reaches into objects; a list of names or one space-separated string);
// its tenant from another (`tenant` by default), if present. Any other token is not valid.
//
// ChainVerifier tries verifiers in turn, so development tokens can work beside real ones (never in
// production: settings.h refuses them there); verifier_for builds what the settings ask for.

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "bpc/runtime/access.h"
#include "bpc/runtime/log.h"
#include "bpc/runtime/settings.h"

namespace bpc::runtime {

struct JwtOptions {
  std::string issuer{};
  std::string audience{};
  std::string jwks{};  // a file, or an http(s) URL
  std::string roles_claim{"roles"};
  std::string tenant_claim{"tenant"};
  double leeway = 30;             // seconds
  double refresh_cooldown = 30;   // seconds between fetches for unknown key ids
  double keys_lifespan = 300;     // seconds a fetched set is used
  std::function<double()> now{};  // seconds since the epoch; the system clock when empty
};

class JwtVerifier final : public TokenVerifier {
 public:
  // Reads a JWKS file at once (ConfigError when it cannot be used); a URL is fetched on first use.
  JwtVerifier(JwtOptions options, const Log& log);
  ~JwtVerifier() override;
  JwtVerifier(const JwtVerifier&) = delete;
  JwtVerifier& operator=(const JwtVerifier&) = delete;

  std::optional<Principal> verify(const std::string& token) const override;

  struct Key;  // a public key with its id and algorithm

 private:
  std::shared_ptr<const Key> key_for(const std::string& key_id, bool has_key_id) const;
  void fetch_keys(double now) const;

  JwtOptions options_;
  const Log& log_;
  bool remote_;
  mutable std::mutex lock_;
  mutable std::vector<std::shared_ptr<const Key>> keys_;
  mutable double fetched_at_ = -1e300;
};

// The first principal any of the verifiers finds.
class ChainVerifier final : public TokenVerifier {
 public:
  explicit ChainVerifier(std::vector<std::unique_ptr<TokenVerifier>> verifiers) : verifiers_(std::move(verifiers)) {}
  std::optional<Principal> verify(const std::string& token) const override;

 private:
  std::vector<std::unique_ptr<TokenVerifier>> verifiers_;
};

// The verifier the settings ask for: JWTs when an issuer is configured, development tokens when
// given, both in that order, or one that accepts no token. ConfigError when the JWKS cannot be
// used.
std::unique_ptr<TokenVerifier> verifier_for(const Settings& settings, const Log& log);

}  // namespace bpc::runtime
