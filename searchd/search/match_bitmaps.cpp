#include "match_bitmaps.h"

#include <algorithm>
#include <utility>

#include "kb/search/facets.h"

namespace kb::search {

static_assert(sizeof(Xapian::docid) == sizeof(std::uint32_t), "CRoaring holds 32-bit docids");

namespace {

using Q = Xapian::Query;

// Docids are read from a posting list in runs of this many and added to a bitmap together.
constexpr std::size_t kBatch = 4096;

Roaring Finished(Roaring bitmap) {
  bitmap.runOptimize();  // a term in most documents becomes a few runs
  bitmap.shrinkToFit();
  return bitmap;
}

Roaring FromPostings(const Xapian::Database& db, const std::string& term) {
  Roaring bitmap;
  std::vector<std::uint32_t> batch;
  batch.reserve(kBatch);
  for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
    batch.push_back(*it);
    if (batch.size() == kBatch) {
      bitmap.addMany(batch.size(), batch.data());
      batch.clear();
    }
  }
  bitmap.addMany(batch.size(), batch.data());
  return Finished(std::move(bitmap));
}

// What Xapian's matcher finds for `query`, every match, unweighted.
Roaring FromMatcher(const Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  DocidCollector collector;
  enquire.add_matchspy(&collector);
  enquire.get_mset(0, 0, db.get_doccount());
  const std::vector<Xapian::docid>& docids = collector.docids();
  Roaring bitmap;
  bitmap.addMany(docids.size(), docids.data());
  return Finished(std::move(bitmap));
}

}  // namespace

MatchBitmaps::MatchBitmaps(std::size_t budget_bytes) : memo_(budget_bytes) {}

std::size_t MatchBitmaps::cached_bytes() const { return memo_.bytes(); }

MatchBitmaps::Bitmap MatchBitmaps::Cached(const std::string& key,
                                          const std::function<Roaring()>& build) const {
  if (Bitmap found = memo_.Find(key)) return found;
  // Built outside the memo's lock: two searches may build the same bitmap once each, never wait.
  auto bitmap = std::make_shared<const Roaring>(build());
  memo_.Keep(key, bitmap, bitmap->getSizeInBytes(false));
  return bitmap;
}

MatchBitmaps::Bitmap MatchBitmaps::Evaluate(const Xapian::Database& db,
                                            const Xapian::Query& query) const {
  const Q::op type = query.get_type();
  if (type == Q::LEAF_MATCH_NOTHING) return std::make_shared<const Roaring>();
  if (type == Q::LEAF_TERM || type == Q::LEAF_MATCH_ALL) {
    // The empty term's posting list is every document.
    const std::string term = type == Q::LEAF_TERM ? *query.get_terms_begin() : std::string();
    return Cached("t" + term, [&] { return FromPostings(db, term); });
  }
  std::vector<Bitmap> parts;
  const auto count = query.get_num_subqueries();
  switch (type) {
    case Q::OP_AND_MAYBE:  // only its left side decides what matches
    case Q::OP_SCALE_WEIGHT:
      return Evaluate(db, query.get_subquery(0));
    case Q::OP_AND:
    case Q::OP_FILTER: {
      for (std::size_t i = 0; i < count; ++i) parts.push_back(Evaluate(db, query.get_subquery(i)));
      std::sort(parts.begin(), parts.end(), [](const Bitmap& a, const Bitmap& b) {
        return a->cardinality() < b->cardinality();
      });
      Roaring out = *parts.front();
      for (std::size_t i = 1; i < parts.size() && !out.isEmpty(); ++i) out &= *parts[i];
      return std::make_shared<const Roaring>(std::move(out));
    }
    case Q::OP_OR:
    case Q::OP_SYNONYM:
    case Q::OP_MAX: {
      std::vector<const Roaring*> inputs;
      for (std::size_t i = 0; i < count; ++i) {
        parts.push_back(Evaluate(db, query.get_subquery(i)));
        inputs.push_back(parts.back().get());
      }
      return std::make_shared<const Roaring>(Roaring::fastunion(inputs.size(), inputs.data()));
    }
    case Q::OP_AND_NOT:
    case Q::OP_XOR: {
      Roaring out = *Evaluate(db, query.get_subquery(0));
      for (std::size_t i = 1; i < count; ++i) {
        const Bitmap part = Evaluate(db, query.get_subquery(i));
        if (type == Q::OP_AND_NOT) {
          out -= *part;
        } else {
          out ^= *part;
        }
      }
      return std::make_shared<const Roaring>(std::move(out));
    }
    default:
      break;
  }
  // Positions, values, wildcards, posting sources: Xapian's matcher, its answer cached under
  // the subquery's serialised form (a posting source that cannot be serialised is not cached).
  std::string key;
  try {
    key = "q" + query.serialise();
  } catch (const Xapian::UnimplementedError&) {
    return std::make_shared<const Roaring>(FromMatcher(db, query));
  }
  return Cached(key, [&] { return FromMatcher(db, query); });
}

std::shared_ptr<const Roaring> MatchBitmaps::Match(const Xapian::Database& db,
                                                   const Xapian::Query& query) const {
  return Evaluate(db, query);
}

std::vector<Xapian::docid> DocidsOf(const Roaring& bitmap) {
  std::vector<Xapian::docid> docids(bitmap.cardinality());
  bitmap.toUint32Array(docids.data());
  return docids;
}

}  // namespace kb::search
