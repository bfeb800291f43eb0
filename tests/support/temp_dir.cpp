#include "support/temp_dir.hpp"

#include <fstream>
#include <stdexcept>

#include <stdlib.h>

namespace schemactl::testing {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "schemactl-test-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::filesystem::path TempDir::write(const std::string& name, const std::string& text) const {
  auto file = path_ / name;
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file) << text;
  return file;
}

}  // namespace schemactl::testing
