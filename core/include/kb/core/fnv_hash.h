// 64-bit FNV-1a: the one hash behind document ids (of a path) and content hashes (of a file's
// bytes). Not cryptographic: it detects change, it does not defend against forgery.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace kb {

class Fnv1a64 {
 public:
  void Update(std::string_view bytes) {
    for (unsigned char c : bytes) {
      state_ ^= c;
      state_ *= 1099511628211ull;
    }
  }
  // 16 lower-case hex digits.
  std::string HexDigest() const {
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(state_));
    return hex;
  }

 private:
  std::uint64_t state_ = 1469598103934665603ull;
};

}  // namespace kb

namespace kb {

// The document id of a source file: FNV-1a of its absolute path, 16 hex digits (the Q term).
// kb-indexer assigns it; kb-searchd computes it for an upload before the file is indexed.
inline std::string DocumentIdForPath(std::string_view absolute_path) {
  Fnv1a64 hash;
  hash.Update(absolute_path);
  return hash.HexDigest();
}

// Which of `count` shards holds the document with this id (kb-indexer --shard): the id's 16 hex
// digits as a number, modulo `count`. A path's id never changes, so a file indexed again
// replaces its document in the same shard.
inline unsigned ShardOfDocument(std::string_view id, unsigned count) {
  std::uint64_t number = 0;
  for (char c : id) {
    const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : 0;
    number = number * 16 + static_cast<std::uint64_t>(digit);
  }
  return count == 0 ? 0 : static_cast<unsigned>(number % count);
}

}  // namespace kb
