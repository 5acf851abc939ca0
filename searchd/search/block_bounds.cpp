#include "block_bounds.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <future>
#include <limits>
#include <system_error>
#include <utility>

#include "docid_set.h"

namespace kb::search {

namespace {

// Records, for each block, the largest weight the matcher gives one of its documents.
class BlockMaxSpy : public Xapian::MatchSpy {
 public:
  BlockMaxSpy(std::vector<float>& bounds, unsigned shift) : bounds_(bounds), shift_(shift) {}

  void operator()(const Xapian::Document& doc, double weight) override {
    float bound = static_cast<float>(weight);
    if (static_cast<double>(bound) < weight) {
      bound = std::nextafter(bound, std::numeric_limits<float>::infinity());
    }
    float& block = bounds_[doc.get_docid() >> shift_];
    block = std::max(block, bound);
  }

 private:
  std::vector<float>& bounds_;
  unsigned shift_;
};

// Every match of `part` weighed, each block's largest weight kept in `bounds`.
void Weigh(const Xapian::Database& db, const Xapian::Query& part, const Xapian::Weight& weighting,
           std::vector<float>& bounds, unsigned shift) {
  BlockMaxSpy spy(bounds, shift);
  Xapian::Enquire enquire(db);
  enquire.set_query(part);
  enquire.set_weighting_scheme(weighting);
  enquire.add_matchspy(&spy);
  enquire.get_mset(0, 0, db.get_doccount());
}

// `part` among the docids [first, end): a boolean filter, which leaves the weights as they are.
Xapian::Query Between(const Xapian::Query& part, std::uint64_t first, std::uint64_t end) {
  auto range = std::make_shared<Roaring>();
  range->addRange(first, end);
  return Xapian::Query(Xapian::Query::OP_FILTER, part,
                       DocidSet(std::shared_ptr<const Roaring>(std::move(range))));
}

// How many postings `query`'s terms have together: what weighing all its matches reads.
std::uint64_t Postings(const Xapian::Database& db, const Xapian::Query& query) {
  std::uint64_t postings = 0;
  for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
    postings += db.get_termfreq(*t);
  }
  return postings;
}

}  // namespace

BlockBounds::BlockBounds(unsigned shift, Xapian::doccount split_from, std::size_t budget_bytes)
    : shift_(shift), split_from_(split_from), memo_(budget_bytes) {}

BlockBounds::Bounds BlockBounds::Of(const Xapian::Database& db, const Xapian::Query& part,
                                    const Xapian::Weight& weighting,
                                    Xapian::Database* second) const {
  const std::string key = weighting.name() + '\0' + weighting.serialise() + '\0' + part.serialise();
  if (Bounds found = memo_.Find(key)) return found;
  // Built outside the memo's lock: two searches may build the same bounds once each, never wait.
  std::vector<float> bounds((db.get_lastdocid() >> shift_) + 1, 0.0F);
  // The upper half of the blocks on the other handle's thread, when there is one and the part
  // is worth a thread: the two threads write to blocks of their own.
  const std::uint64_t split = std::uint64_t{bounds.size() / 2} << shift_;
  const std::uint64_t end = std::uint64_t{db.get_lastdocid()} + 1;
  std::future<void> upper;
  if (second != nullptr && split > 1 && split < end && Postings(db, part) >= split_from_) {
    try {
      upper = std::async(std::launch::async,
                         [second, bytes = part.serialise(),
                          weight = std::unique_ptr<Xapian::Weight>(weighting.clone()), &bounds,
                          split, end, shift = shift_] {
                           // Query trees are not shared across threads: a copy of its own.
                           Weigh(*second, Between(Xapian::Query::unserialise(bytes), split, end),
                                 *weight, bounds, shift);
                         });
    } catch (const std::system_error&) {  // no thread to be had: this one weighs it all
    }
  }
  Weigh(db, upper.valid() ? Between(part, 1, split) : part, weighting, bounds, shift_);
  if (upper.valid()) upper.get();
  auto out = std::make_shared<const std::vector<float>>(std::move(bounds));
  memo_.Keep(key, out, out->size() * sizeof(float));
  return out;
}

BlockOrder::BlockOrder(const std::vector<BlockBounds::Bounds>& parts, unsigned shift,
                       const Roaring& to_rank)
    : shift_(shift), to_rank_(to_rank) {
  std::vector<double> bound;  // per block, the sum of the parts' bounds
  for (const BlockBounds::Bounds& of : parts) {
    if (bound.empty()) bound.assign(of->size(), 0.0);
    for (std::size_t b = 0; b < of->size(); ++b) bound[b] += (*of)[b];
  }
  struct Counting {
    BlockOrder& order;
    const std::vector<double>& bound;
  } counting{*this, bound};
  to_rank.iterate(  // faster than the bitmap's iterator
      [](std::uint32_t docid, void* state) {
        auto& [order, sums] = *static_cast<Counting*>(state);
        const std::uint32_t b = docid >> order.shift_;
        if (b >= sums.size()) {
          order.ok_ = false;
          return false;  // stops the iteration
        }
        if (order.blocks_.empty() || order.blocks_.back().id != b) {
          order.blocks_.push_back({sums[b], b, 0});
        }
        ++order.blocks_.back().documents;
        return true;
      },
      &counting);
  std::sort(blocks_.begin(), blocks_.end(), [](const Block& x, const Block& y) {
    return x.bound != y.bound ? x.bound > y.bound : x.id < y.id;
  });
}

std::size_t BlockOrder::Reaching(std::size_t from, double bar) const {
  return static_cast<std::size_t>(
      std::partition_point(blocks_.begin() + static_cast<std::ptrdiff_t>(from), blocks_.end(),
                           [&](const Block& block) { return block.bound >= bar; }) -
      blocks_.begin());
}

std::shared_ptr<const Roaring> BlockOrder::DocumentsIn(std::size_t from, std::size_t to) const {
  Roaring in_blocks;
  for (std::size_t i = from; i < to; ++i) {
    in_blocks.addRange(std::uint64_t{blocks_[i].id} << shift_,
                       std::uint64_t{blocks_[i].id + 1} << shift_);
  }
  return std::make_shared<const Roaring>(in_blocks & to_rank_);
}

std::vector<Xapian::Query> AdditiveParts(const Xapian::Query& query) {
  bool additive = true;
  const auto walk = [&](const auto& self, const Xapian::Query& q) -> void {
    switch (q.get_type()) {
      case Xapian::Query::LEAF_TERM:
        return;
      case Xapian::Query::OP_OR:
      case Xapian::Query::OP_AND:
      case Xapian::Query::OP_SYNONYM:
      case Xapian::Query::OP_SCALE_WEIGHT:
      case Xapian::Query::OP_AND_MAYBE:
      case Xapian::Query::OP_AND_NOT:
      case Xapian::Query::OP_FILTER:
        for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) self(self, q.get_subquery(i));
        return;
      default:
        additive = false;
    }
  };
  walk(walk, query);
  if (!additive || query.empty()) return {};
  if (query.get_type() != Xapian::Query::OP_OR) return {query};
  std::vector<Xapian::Query> parts;
  for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
    parts.push_back(query.get_subquery(i));
  }
  return parts;
}

}  // namespace kb::search
