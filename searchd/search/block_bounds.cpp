#include "block_bounds.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

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

}  // namespace

BlockBounds::BlockBounds(unsigned shift, std::size_t budget_bytes)
    : shift_(shift), memo_(budget_bytes) {}

BlockBounds::Bounds BlockBounds::Of(const Xapian::Database& db, const Xapian::Query& part,
                                    const Xapian::Weight& weighting) const {
  const std::string key = weighting.name() + '\0' + weighting.serialise() + '\0' + part.serialise();
  if (Bounds found = memo_.Find(key)) return found;
  // Built outside the memo's lock: two searches may build the same bounds once each, never wait.
  std::vector<float> bounds((db.get_lastdocid() >> shift_) + 1, 0.0F);
  BlockMaxSpy spy(bounds, shift_);
  Xapian::Enquire enquire(db);
  enquire.set_query(part);
  enquire.set_weighting_scheme(weighting);
  enquire.add_matchspy(&spy);
  enquire.get_mset(0, 0, db.get_doccount());
  auto out = std::make_shared<const std::vector<float>>(std::move(bounds));
  memo_.Keep(key, out, out->size() * sizeof(float));
  return out;
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
