#include "kb/index/corpus_walker.h"

#include <algorithm>
#include <system_error>

#include "kb/core/fnv_hash.h"
#include "kb/extract/extractor.h"

namespace fs = std::filesystem;

namespace kb::index {

std::string CorpusFile::Signature() const {
  return std::to_string(size) + ":" + std::to_string(mtime_ns);
}

namespace {

bool IsHidden(const fs::path& p) {
  const std::string name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

void AddFile(const fs::path& path, WalkResult& out) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) {
    out.issues.push_back({path, "cannot read file size: " + ec.message()});
    return;
  }
  const auto mtime = fs::last_write_time(path, ec);
  if (ec) {
    out.issues.push_back({path, "cannot read modification time: " + ec.message()});
    return;
  }
  CorpusFile f;
  f.path = path;
  f.size = size;
  f.mtime_ns =
      std::chrono::duration_cast<std::chrono::nanoseconds>(mtime.time_since_epoch()).count();
  out.files.push_back(std::move(f));
}

}  // namespace

WalkResult WalkCorpus(const std::vector<fs::path>& roots) {
  WalkResult out;
  for (const auto& root_in : roots) {
    std::error_code ec;
    const fs::path root = fs::absolute(root_in, ec).lexically_normal();
    const auto status = fs::status(root, ec);
    if (ec || !fs::exists(status)) {
      out.issues.push_back({root_in, "does not exist; check the path"});
      continue;
    }
    if (fs::is_regular_file(status)) {
      AddFile(root, out);
      continue;
    }
    if (!fs::is_directory(status)) {
      out.issues.push_back({root, "is neither a file nor a folder"});
      continue;
    }
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
      out.issues.push_back({root, "cannot open folder: " + ec.message()});
      continue;
    }
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) {
        out.issues.push_back({it->path(), "cannot read folder entry: " + ec.message()});
        ec.clear();
        continue;
      }
      const auto& entry = *it;
      if (IsHidden(entry.path())) {
        if (entry.is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (entry.is_symlink(ec) && entry.is_directory(ec)) {
        it.disable_recursion_pending();
        continue;
      }
      // An index inside the corpus folder is not corpus: its attachment copies are indexed as
      // attachments of their messages already.
      if (entry.is_directory(ec) && fs::exists(entry.path() / "iamglass", ec)) {
        it.disable_recursion_pending();
        continue;
      }
      // A link to a file outside the folder ("x.txt -> /etc/passwd") would publish that file.
      if (entry.is_symlink(ec) && !InsideFolder(entry.path(), root)) {
        out.issues.push_back(
            {entry.path(), "is a symbolic link to a file outside " + root.string() +
                               "; not indexed (copy the file into the folder instead)"});
        continue;
      }
      if (entry.is_regular_file(ec) && extract::IsIndexableFile(entry.path())) {
        AddFile(entry.path().lexically_normal(), out);
      }
    }
  }
  std::sort(out.files.begin(), out.files.end(),
            [](const CorpusFile& a, const CorpusFile& b) { return a.path < b.path; });
  out.files.erase(
      std::unique(out.files.begin(), out.files.end(),
                  [](const CorpusFile& a, const CorpusFile& b) { return a.path == b.path; }),
      out.files.end());
  return out;
}

bool InsideFolder(const fs::path& file, const fs::path& folder) {
  std::error_code ec;
  const fs::path real_file = fs::canonical(file, ec);
  if (ec) return false;
  const fs::path real_folder = fs::canonical(folder, ec);
  if (ec) return false;
  const auto [folder_end, file_at] =
      std::mismatch(real_folder.begin(), real_folder.end(), real_file.begin(), real_file.end());
  return folder_end == real_folder.end() && file_at != real_file.end();
}

std::string DocumentIdForPath(const fs::path& absolute_path) {
  return kb::DocumentIdForPath(absolute_path.string());
}

}  // namespace kb::index
