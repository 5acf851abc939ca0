#include "kb/search/shards.h"

#include <stdlib.h>

#include <algorithm>
#include <charconv>

#include "kb/core/schema.h"

namespace kb::search {

Result<ShardAddress> ParseShardAddress(std::string_view text) {
  const auto invalid = [&] {
    return Status::InvalidArgument("--shard '" + std::string(text) +
                                   "' is not host:port (e.g. 10.0.0.2:7001, the address of a "
                                   "xapian-tcpsrv serving one shard)");
  };
  const size_t colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size()) return invalid();
  ShardAddress address;
  std::string_view host = text.substr(0, colon);
  if (host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  const std::string_view port = text.substr(colon + 1);
  const auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), address.port);
  if (error != std::errc() || end != port.data() + port.size() || address.port == 0 ||
      address.port > 65535 || host.empty()) {
    return invalid();
  }
  address.host = std::string(host);
  address.text = std::string(text);
  return address;
}

ShardSet::ShardSet(std::vector<ShardAddress> shards, std::chrono::milliseconds timeout)
    : shards_(std::move(shards)), timeout_(timeout) {}

Result<Xapian::Database> ShardSet::Connect(const std::vector<std::string>& skip) {
  Xapian::Database combined;
  failed_.clear();
  std::vector<std::string> reasons;  // why each failed, for the error when none answers
  const auto ms = static_cast<unsigned>(timeout_.count());
  for (const ShardAddress& shard : shards_) {
    std::string reason;
    if (std::find(skip.begin(), skip.end(), shard.text) != skip.end()) {
      failed_.push_back(shard.text);
      reasons.push_back(shard.text + ": did not answer shortly before");
      continue;
    }
    try {
      Xapian::Database one = Xapian::Remote::open(shard.host, shard.port, ms, ms);
      if (Status schema = schema::CheckIndex(one, shard.text); !schema.ok()) {
        reason = schema.message();
      } else if (one.get_metadata(std::string(schema::kMetaPassagesVersion)) !=
                 schema::kPassagesVersion) {
        reason =
            "its documents are not those of this version (no facet values, or newer); run "
            "this version's kb-indexer on it once";
      } else {
        combined.add_database(one);
        continue;
      }
    } catch (const Xapian::Error& e) {
      reason = e.get_description();
    }
    failed_.push_back(shard.text);
    reasons.push_back(shard.text + ": " + reason);
  }
  if (failed_.size() == shards_.size()) {
    std::string all;
    for (const std::string& r : reasons) all += (all.empty() ? "" : "; ") + r;
    return Status::Unavailable("geen enkele shard antwoordt (" + all + ")");
  }
  return combined;
}

Result<std::shared_ptr<const SynonymTable>> SynonymTable::Write(analysis::Analyzer& analyzer) {
  std::string pattern = (std::filesystem::temp_directory_path() / "kb-searchd-synonyms-XXXXXX");
  if (::mkdtemp(pattern.data()) == nullptr) {
    return Status::Unavailable("cannot create a temporary folder for the synonym table in " +
                               std::filesystem::temp_directory_path().string() +
                               "; set TMPDIR to a writable folder");
  }
  auto table = std::shared_ptr<const SynonymTable>(new SynonymTable(pattern));
  try {
    Xapian::WritableDatabase db(pattern, Xapian::DB_CREATE_OR_OVERWRITE);
    if (Status written = analyzer.WriteSynonyms(db); !written.ok()) return written;
    db.commit();
  } catch (const Xapian::Error& e) {
    return Status::Unavailable("cannot write the synonym table in " + pattern + ": " +
                               e.get_description());
  }
  return table;
}

Result<Xapian::Database> ShardSet::Connect(ShardHealth& health, bool probe_all) {
  auto db = Connect(probe_all ? std::vector<std::string>() : health.failed());
  if (probe_all) health.Report(failed_);
  return db;
}

void ShardHealth::Report(std::vector<std::string> failed) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (failed == failed_) return;
  failed_ = std::move(failed);
  generation_.fetch_add(1, std::memory_order_release);
}

std::vector<std::string> ShardHealth::failed() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return failed_;
}

SynonymTable::~SynonymTable() {
  std::error_code ignored;
  std::filesystem::remove_all(folder_, ignored);
}

}  // namespace kb::search
