// Searcher: the editors' views — review queues and documents by id, hidden ones included.
#include <algorithm>
#include <string>

#include "kb/core/schema.h"
#include "kb/editorial/review.h"
#include "kb/search/searcher.h"
#include "searcher_impl.h"

namespace kb::search {

namespace {

bool IsReviewFlag(std::string_view flag) {
  return std::find(std::begin(editorial::review::kFlags), std::end(editorial::review::kFlags),
                   flag) != std::end(editorial::review::kFlags);
}

Result<Xapian::Query> QueueQuery(std::string_view flag) {
  if (!IsReviewFlag(flag)) {
    return Status::InvalidArgument("wachtrij '" + std::string(flag.substr(0, 40)) +
                                   "': onbekend; kies title, date, no-theme, no-region, "
                                   "low-confidence, personal-data of duplicates");
  }
  // Hidden documents need no review: they are in no queue.
  return WithoutHidden(Xapian::Query(std::string(schema::kPrefixReview) + std::string(flag)));
}

}  // namespace

Result<ReviewPage> Searcher::ReviewQueue(std::string_view flag, size_t offset, size_t limit) {
  auto query = QueueQuery(flag);
  if (!query.ok()) return query.status();
  return impl_->Guard("wachtrij", [&]() -> Result<ReviewPage> {
    Xapian::Enquire enquire(impl_->db);
    enquire.set_query(*query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    const Xapian::doccount all = impl_->db.get_doccount();
    const Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(offset),
                                               static_cast<Xapian::doccount>(limit), all);
    ReviewPage page;
    page.total = mset.get_matches_estimated();  // exact: checkatleast covers every document
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      page.documents.push_back(impl_->Load(*it, it.get_document())->doc);
    }
    return page;
  });
}

Result<std::uint64_t> Searcher::ReviewCount(std::string_view flag) {
  auto page = ReviewQueue(flag, 0, 0);
  if (!page.ok()) return page.status();
  return page->total;
}

Result<std::vector<StoredDocument>> Searcher::Documents(const std::vector<std::string>& ids) {
  return impl_->Guard("documenten", [&]() -> Result<std::vector<StoredDocument>> {
    std::vector<StoredDocument> out;
    for (const auto& id : ids) {
      auto docid = impl_->FindDocid(id);
      if (!docid.ok()) {
        if (docid.status().kind() == ErrorKind::kNotFound) continue;
        return docid.status();
      }
      out.push_back(impl_->Load(*docid, impl_->db.get_document(*docid))->doc);
    }
    return out;
  });
}

}  // namespace kb::search
