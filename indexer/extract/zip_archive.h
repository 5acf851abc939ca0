// ZipArchive: read-only access to a ZIP package held in memory (libzip), for the office and
// e-book extractors (internal header). Every read is bounded: an entry is never inflated past
// the caller's limit, whatever its directory entry claims, so a zip bomb costs at most that.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kb/core/status.h"

namespace kb::extract {

class ZipArchive {
 public:
  // InvalidArgument when `bytes` is not a readable ZIP archive (the reason in libzip's words).
  // `bytes` must outlive the archive.
  static Result<ZipArchive> Open(std::string_view bytes);

  ZipArchive(ZipArchive&&) noexcept;
  ZipArchive& operator=(ZipArchive&&) noexcept;
  ~ZipArchive();

  // The names of all entries, in the archive's order.
  std::vector<std::string> Names() const;
  bool Contains(std::string_view name) const;
  // True when any entry is encrypted (a password-protected ZIP or an encrypted ODF package).
  bool HasEncryptedEntries() const;

  // The inflated bytes of entry `name`; nullopt when there is no such entry. InvalidArgument
  // when it is encrypted, damaged, or would inflate to more than `max_bytes`.
  Result<std::optional<std::string>> Read(std::string_view name, std::size_t max_bytes) const;

 private:
  struct Impl;
  explicit ZipArchive(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kb::extract
