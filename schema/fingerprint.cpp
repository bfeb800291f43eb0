#include "schema/fingerprint.hpp"

#include <stdexcept>

#include <openssl/evp.h>

#include "schema/ddl.hpp"

namespace schemactl::schema {

std::string fingerprint(const Catalog& catalog) {
  std::string script = render_sql(catalog);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (!EVP_Digest(script.data(), script.size(), digest, &length, EVP_sha256(), nullptr))
    throw std::runtime_error("sha256 failed");
  static constexpr char hex[] = "0123456789abcdef";
  std::string result = "sha256:";
  for (unsigned int i = 0; i < length; ++i) {
    result += hex[digest[i] >> 4];
    result += hex[digest[i] & 0xf];
  }
  return result;
}

}  // namespace schemactl::schema
