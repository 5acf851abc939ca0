// Searcher: documents, similar documents, suggestions and index information.
#include <signal.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <system_error>

#include <nlohmann/json.hpp>

#include "kb/analysis/query_words.h"
#include "kb/analysis/text_fold.h"
#include "kb/core/fnv_hash.h"
#include "kb/core/schema.h"
#include "kb/search/searcher.h"
#include "searcher_impl.h"

namespace kb::search {

using analysis::QueryWord;
using analysis::ScanQueryWords;

namespace {

constexpr size_t kSimilarCount = 10;
constexpr Xapian::termcount kExpandTerms = 40;
constexpr size_t kSuggestScanLimit = 5000;

// Expansion uses the folded body words only: filter terms, ids and stems would make every
// document of the same gemeente or year look alike.
class BodyWords : public Xapian::ExpandDecider {
 public:
  bool operator()(const std::string& term) const override {
    const unsigned char c = static_cast<unsigned char>(term[0]);
    return term.size() > 2 && (std::islower(c) || c >= 0x80);
  }
};

bool IsValidId(std::string_view id) {
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || (c >= 'a' && c <= 'f');
  });
}

// Hidden documents get the same answer as absent ones: the public cannot tell them apart.
Status NotInIndex(std::string_view id) {
  return Status::NotFound("document '" + std::string(id) +
                          "' staat niet in de index; zoek het opnieuw op via /api/search");
}

}  // namespace

Result<Xapian::docid> Searcher::Impl::FindDocid(std::string_view id) const {
  if (!IsValidId(id)) {
    return InvalidParameter("id", "'" + std::string(id.substr(0, 70)) +
                                      "' is geen document-id; een id bestaat uit cijfers en de "
                                      "kleine letters a tot en met f");
  }
  const std::string term = std::string(schema::kPrefixId) + std::string(id);
  auto it = db.postlist_begin(term);
  if (it == db.postlist_end(term)) {
    return NotInIndex(id);
  }
  return *it;
}

bool Searcher::Impl::HasTerm(Xapian::docid docid, const std::string& term) const {
  Xapian::PostingIterator it = db.postlist_begin(term);
  if (it == db.postlist_end(term)) return false;
  it.skip_to(docid);
  return it != db.postlist_end(term) && *it == docid;
}

bool Searcher::Impl::AnyVisible(const Xapian::Query& query) const {
  Xapian::Enquire enquire(db);
  enquire.set_query(WithoutHidden(query));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  return !enquire.get_mset(0, 1).empty();
}

Status Searcher::Impl::CheckVisible(Xapian::docid docid, std::string_view id,
                                    Audience audience) const {
  if (audience == Audience::kEditor) return Status::Ok();
  if (HasTerm(docid, std::string(schema::kEditorialHidden)) &&
      !HasTerm(docid, std::string(schema::kEditorialMerged))) {
    return NotInIndex(id);
  }
  return Status::Ok();
}

Result<DocumentListing> Searcher::List(size_t offset, size_t limit) {
  return impl_->Guard("documentenlijst", [&]() -> Result<DocumentListing> {
    Xapian::Enquire enquire(impl_->db);
    enquire.set_query(WithoutHidden(Xapian::Query::MatchAll));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    const Xapian::MSet mset =
        enquire.get_mset(static_cast<Xapian::doccount>(offset),
                         static_cast<Xapian::doccount>(limit), impl_->db.get_doccount());
    DocumentListing listing;
    listing.total = mset.get_matches_estimated();  // exact: checkatleast covers every document
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      const Xapian::Document doc = it.get_document();
      // The id from the path value, as the indexer made it: the id term would need the whole
      // term list, read and inflated (a page of the sitemap took 3.7 s at 100k documents).
      const std::string path = doc.get_value(schema::kSlotPath);
      if (path.empty()) continue;
      listing.documents.push_back({DocumentIdForPath(path), doc.get_value(schema::kSlotAdded)});
    }
    return listing;
  });
}

Result<DocumentDetail> Searcher::GetDocument(std::string_view id, Audience audience) {
  return impl_->Guard("document", [&]() -> Result<DocumentDetail> {
    auto docid = impl_->FindDocid(id);
    if (!docid.ok()) return docid.status();
    if (Status st = impl_->CheckVisible(*docid, id, audience); !st.ok()) return st;
    Xapian::Database& db = impl_->db;
    DocumentDetail detail;
    detail.document = impl_->Load(*docid, db.get_document(*docid))->doc;

    Xapian::RSet rset;
    rset.add_document(*docid);
    Xapian::Enquire enquire(db);
    BodyWords body_words;
    const Xapian::ESet eset = enquire.get_eset(kExpandTerms, rset, &body_words);
    if (eset.empty()) return detail;
    std::vector<std::string> terms(eset.begin(), eset.end());
    enquire.set_query(
        WithoutHidden(Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end())));
    const Xapian::MSet mset = enquire.get_mset(0, kSimilarCount + 1);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      if (*it == *docid || detail.similar.size() >= kSimilarCount) continue;
      const auto indexed = impl_->Load(*it, it.get_document());
      const StoredDocument& doc = indexed->doc;
      detail.similar.push_back({doc.id, doc.title, doc.kind, doc.year, it.get_weight()});
    }
    return detail;
  });
}

Result<std::filesystem::path> Searcher::DocumentFile(std::string_view id, Audience audience) {
  return impl_->Guard("documentbestand", [&]() -> Result<std::filesystem::path> {
    auto docid = impl_->FindDocid(id);
    if (!docid.ok()) return docid.status();
    if (Status st = impl_->CheckVisible(*docid, id, audience); !st.ok()) return st;
    const std::filesystem::path path = impl_->db.get_document(*docid).get_value(schema::kSlotPath);
    std::error_code ec;
    if (path.empty() || !std::filesystem::is_regular_file(path, ec)) {
      return Status::NotFound("het bestand van document '" + std::string(id) +
                              "' staat niet meer op schijf; bij de volgende indexering verdwijnt "
                              "het document uit de index");
    }
    // A file replaced by a link to elsewhere ("x.txt -> /etc/passwd") after indexing is not
    // served: the indexer refuses such links, and so does this.
    if (std::filesystem::is_symlink(path, ec)) {
      const auto target = std::filesystem::canonical(path, ec);
      const auto folder = std::filesystem::canonical(path.parent_path(), ec);
      const auto [folder_end, unused] =
          std::mismatch(folder.begin(), folder.end(), target.begin(), target.end());
      if (ec || folder_end != folder.end()) {
        return Status::NotFound("het bestand van document '" + std::string(id) +
                                "' verwijst naar een bestand buiten de collectie en wordt niet "
                                "getoond");
      }
    }
    return path;
  });
}

Result<std::vector<Suggestion>> Searcher::Suggest(std::string_view prefix, size_t limit) {
  return impl_->Guard("suggesties", [&]() -> Result<std::vector<Suggestion>> {
    std::vector<Suggestion> out;
    const auto words = ScanQueryWords(prefix);
    if (words.empty() || words.back().end != prefix.size()) return out;
    const QueryWord& last = words.back();
    const std::string head(prefix.substr(0, last.begin));
    const std::string word = impl_->Fold(prefix.substr(last.begin));
    if (word.size() < 2) return out;

    // Names first: a user typing "gron" most likely wants the provincie or gemeente.
    const std::string wanted = analysis::Slug(prefix);
    for (const auto& e : impl_->options.catalog->entries()) {
      if (out.size() >= limit / 2) break;
      if (analysis::Slug(e.label).rfind(wanted, 0) == 0) out.push_back({e.label, e.type, e.value});
    }
    std::vector<std::pair<Xapian::doccount, std::string>> terms;
    const Xapian::Database& db = impl_->db;
    size_t scanned = 0;
    for (auto t = db.allterms_begin(word); t != db.allterms_end(word); ++t) {
      if (++scanned > kSuggestScanLimit) break;
      terms.emplace_back(t.get_termfreq(), *t);
    }
    std::sort(terms.begin(), terms.end(),
              [](const auto& a, const auto& b) { return a.first > b.first; });
    // A word found only in hidden documents would lead to an empty result; only checked when
    // something is hidden at all.
    const bool any_hidden = db.get_termfreq(std::string(schema::kEditorialHidden)) > 0;
    for (const auto& [freq, term] : terms) {
      if (out.size() >= limit) break;
      if (any_hidden && !impl_->AnyVisible(Xapian::Query(term))) continue;
      out.push_back({head + term, "term", head + term});
    }
    return out;
  });
}

namespace {

// kb-indexer's status file, when there is one; "running" only while its process lives (a run
// killed with SIGKILL leaves "running" behind).
void ReadIndexerStatus(const std::string& path, IndexInfo& info) {
  std::ifstream in(path);
  if (!in) return;
  const auto status = nlohmann::json::parse(in, nullptr, false);
  if (!status.is_object()) return;
  info.indexer_state = status.value("state", std::string("unknown"));
  info.indexer_started = status.value("started", std::string());
  info.indexer_finished = status.value("finished", std::string());
  info.indexer_files_done = status.value("files_done", std::uint64_t{0});
  info.indexer_files_total = status.value("files_total", std::uint64_t{0});
  const long pid = status.value("pid", 0L);
  if (info.indexer_state == "running" &&
      (pid <= 0 || (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH))) {
    info.indexer_state = "stopped";
  }
}

}  // namespace

Result<IndexInfo> Searcher::Info() {
  return impl_->Guard("status", [&]() -> Result<IndexInfo> {
    IndexInfo info;
    const Xapian::Database& db = impl_->db;
    info.document_count = db.get_doccount();
    info.last_update = db.get_metadata(std::string(schema::kMetaLastUpdate));
    info.schema_version = db.get_metadata(std::string(schema::kMetaSchemaVersion));
    info.revision = impl_->revision;
    if (impl_->shards) {
      info.shards = impl_->shards->size();
      info.failed_shards = impl_->shards->failed();
    }
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(impl_->options.db_path, ec)) {
      if (entry.is_regular_file(ec)) info.size_bytes += entry.file_size(ec);
    }
    for (const std::string_view prefix :
         {schema::kMetaFailurePrefix, schema::kMetaFailureHashedPrefix}) {
      const std::string p(prefix);
      for (auto key = db.metadata_keys_begin(p); key != db.metadata_keys_end(p); ++key) {
        ++info.failed_files;
      }
    }
    if (!impl_->options.db_path.empty()) {
      ReadIndexerStatus(schema::IndexerStatusPathFor(impl_->options.db_path.string()), info);
    }
    return info;
  });
}

}  // namespace kb::search
