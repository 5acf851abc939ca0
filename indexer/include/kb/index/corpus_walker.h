// CorpusWalker: the indexable files under a set of roots (files or folders), with signatures.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace kb::index {

struct CorpusFile {
  std::filesystem::path path;  // absolute, lexically normal
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  // "size:mtime_ns": a cheap change detector; the content hash decides when it differs.
  std::string Signature() const;
};

struct WalkIssue {
  std::filesystem::path path;
  std::string reason;
};

struct WalkResult {
  std::vector<CorpusFile> files;  // sorted by path, no duplicates
  std::vector<WalkIssue> issues;  // unreadable folders, missing roots
};

// Recurses into folders (not following symlinked folders, skipping hidden entries and Xapian
// index folders, such as kb-indexer's own --db inside a corpus folder), keeps the
// files extract::IsIndexableFile accepts. A root given explicitly as a file is kept whatever its
// extension, so a user can index one odd file on purpose.
WalkResult WalkCorpus(const std::vector<std::filesystem::path>& roots);

// True when `file`, with every symbolic link resolved, lies inside `folder` (also resolved).
bool InsideFolder(const std::filesystem::path& file, const std::filesystem::path& folder);

// Stable document id for a source path: 16 hex digits of a 64-bit FNV-1a hash of the path.
std::string DocumentIdForPath(const std::filesystem::path& absolute_path);

}  // namespace kb::index
