// BlockBounds: for a part of a ranking query, the largest weight it gives any document of each
// block of docids. Xapian 1.4's matcher knows one bound per posting list, so a ranking pass over
// a term that half the index holds weighs every one of its documents. With a bound per block,
// the ranking pass (search_steps.h) weighs first the blocks whose summed bounds are highest,
// then only the blocks whose bound reaches the last weight the page and its margin need: the
// same first ranks as weighing every match (Lucene's block-max idea, kept outside the matcher).
//
// A part's bounds come from one weighted match of that part alone (every one of its postings),
// once per index revision, and are kept as floats rounded up. They bound the part's weight
// within a larger query only where that query weighs the part as it weighs it alone: an OR of
// parts (AdditiveParts).
//
// Memory: at most `budget_bytes` of bounds per instance (4 bytes per block per part); past it
// the cache is emptied and fills again. One instance per index revision
// (SearcherShared::block_bounds). Thread-safety: Of may be called from several threads at once,
// each with its own Database of the revision the instance belongs to. One local index only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include <xapian.h>
#include <roaring/roaring.hh>

#include "bounded_memo.h"

namespace kb::search {

class BlockBounds {
 public:
  // 64 docids a block: at a million documents, 15,625 blocks, 61 KB a part.
  static constexpr unsigned kDefaultShift = 6;
  // 32 MB: the bounds of about 500 parts at a million documents.
  static constexpr std::size_t kDefaultBudget = std::size_t{32} << 20;
  using Bounds = std::shared_ptr<const std::vector<float>>;

  // From this many postings a part's bounds are weighed on two threads, given a second handle.
  static constexpr Xapian::doccount kDefaultSplitFrom = 50000;

  explicit BlockBounds(unsigned shift = kDefaultShift,
                       Xapian::doccount split_from = kDefaultSplitFrom,
                       std::size_t budget_bytes = kDefaultBudget);

  // Docids per block, as a power of two: block b holds docids b << shift() to
  // ((b + 1) << shift()) - 1.
  unsigned shift() const { return shift_; }

  // The bound of each block (indexed by docid >> shift(), up to the last docid's block) for
  // `part` weighed alone by `weighting`. `second`, when given, is another handle on the same
  // revision that one other thread may use meanwhile: a part with split_from postings or more
  // is weighed in two halves at once. Throws Xapian::Error as a match would.
  Bounds Of(const Xapian::Database& db, const Xapian::Query& part, const Xapian::Weight& weighting,
            Xapian::Database* second = nullptr) const;

 private:
  unsigned shift_;
  Xapian::doccount split_from_;
  mutable BoundedMemo<std::vector<float>> memo_;
};

// The blocks holding documents to rank, highest summed bound first: the order in which a
// ranking by blocks weighs them (search_steps.h). The bound of a block is the sum of the
// parts' bounds, all of one BlockBounds.
class BlockOrder {
 public:
  BlockOrder(const std::vector<BlockBounds::Bounds>& parts, unsigned shift, const Roaring& to_rank);

  // False when a document to rank lies past the bounds (they belong to an older revision).
  bool ok() const { return ok_; }
  std::size_t size() const { return blocks_.size(); }
  // The documents to rank in the i-th block.
  std::uint32_t documents(std::size_t i) const { return blocks_[i].documents; }
  // Where the blocks from `from` on whose bound reaches `bar` end (they come first).
  std::size_t Reaching(std::size_t from, double bar) const;
  // The documents to rank in blocks [from, to).
  std::shared_ptr<const Roaring> DocumentsIn(std::size_t from, std::size_t to) const;

 private:
  struct Block {
    double bound;
    std::uint32_t id;
    std::uint32_t documents;
  };
  std::vector<Block> blocks_;
  unsigned shift_;
  const Roaring& to_rank_;
  bool ok_ = true;
};

// The parts of `query` whose weights add up to its own: the subqueries of a top-level OR, or
// the query itself. None when a part alone could weigh otherwise than within the query: an
// operator that reads positions (Xapian 1.4 weighs an OR of NEARs differently under an
// AND-like operator), a wildcard or a posting source. A term in two parts is weighed in
// each by its own leaf (Xapian 1.4 takes a leaf's wqf, not the term's count in the query).
std::vector<Xapian::Query> AdditiveParts(const Xapian::Query& query);

}  // namespace kb::search
