#include "docid_set.h"

#include <algorithm>
#include <utility>

namespace kb::search {

namespace {

class DocidSetSource : public Xapian::PostingSource {
 public:
  explicit DocidSetSource(std::vector<Xapian::docid> docids) : docids_(std::move(docids)) {}

  Xapian::doccount get_termfreq_min() const override { return Count(); }
  Xapian::doccount get_termfreq_est() const override { return Count(); }
  Xapian::doccount get_termfreq_max() const override { return Count(); }

  void init(const Xapian::Database& /*db*/) override { position_ = kBeforeStart; }

  void next(double /*min_wt*/) override {
    position_ = position_ == kBeforeStart ? 0 : position_ + 1;
  }

  void skip_to(Xapian::docid did, double /*min_wt*/) override {
    const std::size_t from = position_ == kBeforeStart ? 0 : position_;
    position_ = static_cast<std::size_t>(
        std::lower_bound(docids_.begin() + static_cast<std::ptrdiff_t>(from), docids_.end(), did) -
        docids_.begin());
  }

  bool at_end() const override { return position_ != kBeforeStart && position_ >= docids_.size(); }
  Xapian::docid get_docid() const override { return docids_[position_]; }

  // Xapian uses the source itself on one database; a clone keeps it usable on several.
  Xapian::PostingSource* clone() const override { return new DocidSetSource(docids_); }

 private:
  static constexpr std::size_t kBeforeStart = static_cast<std::size_t>(-1);

  Xapian::doccount Count() const { return static_cast<Xapian::doccount>(docids_.size()); }

  std::vector<Xapian::docid> docids_;  // sorted, unique
  std::size_t position_ = kBeforeStart;
};

class BitmapSource : public Xapian::PostingSource {
 public:
  explicit BitmapSource(std::shared_ptr<const Roaring> bitmap) : bitmap_(std::move(bitmap)) {}

  Xapian::doccount get_termfreq_min() const override { return Count(); }
  Xapian::doccount get_termfreq_est() const override { return Count(); }
  Xapian::doccount get_termfreq_max() const override { return Count(); }

  void init(const Xapian::Database& /*db*/) override { started_ = false; }

  void next(double /*min_wt*/) override {
    if (Start()) return;
    roaring_advance_uint32_iterator(&it_);
  }

  void skip_to(Xapian::docid did, double /*min_wt*/) override {
    Start();
    if (it_.has_value && it_.current_value < did) {
      roaring_move_uint32_iterator_equalorlarger(&it_, did);
    }
  }

  bool at_end() const override { return started_ && !it_.has_value; }
  Xapian::docid get_docid() const override { return it_.current_value; }

  Xapian::PostingSource* clone() const override { return new BitmapSource(bitmap_); }

 private:
  Xapian::doccount Count() const { return static_cast<Xapian::doccount>(bitmap_->cardinality()); }

  // Puts the iterator on the first document the first time; whether it did.
  bool Start() {
    if (started_) return false;
    roaring_init_iterator(&bitmap_->roaring, &it_);
    started_ = true;
    return true;
  }

  std::shared_ptr<const Roaring> bitmap_;
  roaring_uint32_iterator_t it_{};
  bool started_ = false;
};

}  // namespace

Xapian::Query DocidSet(std::shared_ptr<const Roaring> bitmap) {
  return Xapian::Query((new BitmapSource(std::move(bitmap)))->release());
}

Xapian::Query DocidSet(std::vector<Xapian::docid> docids) {
  std::sort(docids.begin(), docids.end());
  docids.erase(std::unique(docids.begin(), docids.end()), docids.end());
  // The query owns the source (release()): it lives as long as the query does.
  return Xapian::Query((new DocidSetSource(std::move(docids)))->release());
}

}  // namespace kb::search
