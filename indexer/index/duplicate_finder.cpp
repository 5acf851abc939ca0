#include "kb/index/duplicate_finder.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "kb/core/fnv_hash.h"
#include "kb/core/schema.h"
#include "kb/index/minhash.h"

namespace kb::index {

namespace {

struct Candidate {
  std::string id;
  MinHash::Signature signature;
};

std::set<Xapian::docid> HiddenDocuments(const Xapian::Database& db) {
  std::set<Xapian::docid> hidden;
  const std::string term(schema::kEditorialHidden);
  for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) hidden.insert(*it);
  return hidden;
}

std::optional<MinHash::Signature> SignatureOf(const Xapian::Database& db, Xapian::docid docid) {
  return MinHash::Parse(
      db.get_document(docid, Xapian::DOC_ASSUME_VALID).get_value(schema::kSlotMinHash));
}

std::string IdOf(const Xapian::Database& db, Xapian::docid docid) {
  return DocumentIdForPath(
      db.get_document(docid, Xapian::DOC_ASSUME_VALID).get_value(schema::kSlotPath));
}

// The document's id (from its path, as DocumentBuilder assigns it) and signature; nullopt when
// it has no signature (too little text).
std::optional<Candidate> Load(const Xapian::Database& db, Xapian::docid docid) {
  auto signature = SignatureOf(db, docid);
  if (!signature) return std::nullopt;
  return Candidate{IdOf(db, docid), std::move(*signature)};
}

// Calls f(term) for each of the document's terms that start with `prefix`.
template <typename F>
void ForEachTerm(const Xapian::Database& db, Xapian::docid docid, std::string_view prefix, F f) {
  auto term = db.termlist_begin(docid);
  for (term.skip_to(std::string(prefix)); term != db.termlist_end(docid); ++term) {
    const std::string& name = *term;
    if (name.compare(0, prefix.size(), prefix) != 0) break;
    f(name);
  }
}

// The title's words, from the title terms (prefix S) DocumentBuilder indexed.
std::set<std::string> TitleWords(const Xapian::Database& db, Xapian::docid docid) {
  std::set<std::string> words;
  ForEachTerm(db, docid, schema::kPrefixTitle, [&](const std::string& term) {
    words.insert(term.substr(schema::kPrefixTitle.size()));
  });
  return words;
}

double TitleAgreement(const Xapian::Database& db, Xapian::docid a, Xapian::docid b) {
  const auto x = TitleWords(db, a);
  const auto y = TitleWords(db, b);
  std::size_t common = 0;
  for (const auto& w : x) common += y.count(w);
  const std::size_t all = x.size() + y.size() - common;
  return all == 0 ? 1.0 : static_cast<double>(common) / static_cast<double>(all);
}

// The two-tier rule of the header comment.
bool SameReport(const Xapian::Database& db, Xapian::docid a, Xapian::docid b, double similarity,
                double threshold) {
  if (similarity < threshold) return false;
  if (similarity >= kSureThreshold) return true;
  return TitleAgreement(db, a, b) >= kTitleAgreement;
}

// The documents sharing a band term with `signature` (the terms are computed from it, not read
// from the document's term list, which is the size of its text).
std::vector<Xapian::docid> BandNeighbours(const Xapian::Database& db, Xapian::docid docid,
                                          const MinHash::Signature& signature) {
  std::set<Xapian::docid> out;
  for (const std::string& band : MinHash::BandTerms(signature)) {
    const Xapian::doccount df = db.get_termfreq(band);
    if (df < 2) continue;                 // this document's alone
    if (df > kMaxBandPostings) continue;  // boilerplate, not a report
    for (auto p = db.postlist_begin(band); p != db.postlist_end(band); ++p) {
      if (*p != docid) out.insert(*p);
    }
  }
  return {out.begin(), out.end()};
}

void AddPair(std::map<std::pair<std::string, std::string>, double>& pairs, const std::string& x,
             const std::string& y, double similarity) {
  if (x == y) return;
  pairs[x < y ? std::make_pair(x, y) : std::make_pair(y, x)] = similarity;
}

std::vector<DuplicatePair> Sorted(
    const std::map<std::pair<std::string, std::string>, double>& pairs) {
  std::vector<DuplicatePair> out;
  for (const auto& [ids, similarity] : pairs) out.push_back({ids.first, ids.second, similarity});
  return out;
}

}  // namespace

Result<std::vector<DuplicatePair>> FindDuplicates(const Xapian::Database& db,
                                                  const std::vector<std::string>& ids,
                                                  double threshold) {
  std::map<std::pair<std::string, std::string>, double> pairs;
  try {
    const std::set<Xapian::docid> hidden = HiddenDocuments(db);
    // The run's visible documents in docid order (the signatures are read in index order), so
    // a pair of two of them is compared once, from its larger docid.
    std::vector<Xapian::docid> run;
    for (const auto& id : ids) {
      const std::string id_term = std::string(schema::kPrefixId) + id;
      auto posting = db.postlist_begin(id_term);
      if (posting != db.postlist_end(id_term) && !hidden.count(*posting)) run.push_back(*posting);
    }
    std::sort(run.begin(), run.end());
    for (const Xapian::docid docid : run) {
      const auto self = SignatureOf(db, docid);
      if (!self) continue;
      for (Xapian::docid other : BandNeighbours(db, docid, *self)) {
        if (hidden.count(other)) continue;
        if (other < docid && std::binary_search(run.begin(), run.end(), other)) continue;
        const auto candidate = SignatureOf(db, other);
        if (!candidate) continue;
        const double similarity = MinHash::Similarity(*self, *candidate);
        if (SameReport(db, docid, other, similarity, threshold)) {
          AddPair(pairs, IdOf(db, docid), IdOf(db, other), similarity);
        }
      }
    }
  } catch (const Xapian::Error& e) {
    return Status::Internal("cannot look for duplicates in the index: " + e.get_description());
  }
  return Sorted(pairs);
}

Result<std::vector<DuplicatePair>> AllSimilarPairs(const Xapian::Database& db, double threshold) {
  std::map<std::pair<std::string, std::string>, double> pairs;
  try {
    const std::set<Xapian::docid> hidden = HiddenDocuments(db);
    std::vector<Candidate> all;
    for (auto it = db.valuestream_begin(schema::kSlotMinHash);
         it != db.valuestream_end(schema::kSlotMinHash); ++it) {
      if (hidden.count(it.get_docid())) continue;
      if (auto c = Load(db, it.get_docid())) all.push_back(std::move(*c));
    }
    for (std::size_t i = 0; i < all.size(); ++i) {
      for (std::size_t j = i + 1; j < all.size(); ++j) {
        const double similarity = MinHash::Similarity(all[i].signature, all[j].signature);
        if (similarity >= threshold) AddPair(pairs, all[i].id, all[j].id, similarity);
      }
    }
  } catch (const Xapian::Error& e) {
    return Status::Internal("cannot compare the index's documents: " + e.get_description());
  }
  return Sorted(pairs);
}

}  // namespace kb::index
