#include "schema/fingerprint.hpp"

#include <stdexcept>

#include <openssl/evp.h>

#include "schema/ddl.hpp"

namespace schemactl::schema {

std::string fingerprint(const Catalog& catalog) { return "sha256:" + sha256_hex(render_sql(catalog)); }

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (!EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr))
    throw std::runtime_error("sha256 failed");
  static constexpr char hex[] = "0123456789abcdef";
  std::string result;
  for (unsigned int i = 0; i < length; ++i) {
    result += hex[digest[i] >> 4];
    result += hex[digest[i] & 0xf];
  }
  return result;
}

}  // namespace schemactl::schema
