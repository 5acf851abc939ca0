// Duplicate candidates: kb-indexer's proposals and the editors' decisions.
#include "kb/editorial/duplicates.h"

#include <nlohmann/json.hpp>
#include <utility>

#include "kb/editorial/utc_time.h"
#include "store_internal.h"
#include "store_sql.h"

namespace kb::editorial {
namespace {

DuplicateCandidate ReadCandidate(const Statement& row) {
  return {row.Text(0), row.Text(1), row.Real(2), row.Text(3), row.Text(4)};
}

Status ProposeIn(Database& db, std::string_view a, std::string_view b, double similarity) {
  if (Status s = CheckPair(a, b); !s.ok()) return s;
  if (a > b) std::swap(a, b);
  auto stmt = db.Prepare(sql::kDuplicatePropose);
  if (!stmt.ok()) return stmt.status();
  // The upsert only touches a pair still "proposed": an editor's decision stands.
  return (*stmt)->Bind(1, a).Bind(2, b).Bind(3, similarity).Bind(4, NowIsoUtc()).Run();
}

}  // namespace

Status CheckPair(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) {
    return Status::InvalidArgument("velden \"a\" en \"b\": twee document-id's zijn nodig");
  }
  if (a == b) {
    return Status::InvalidArgument("velden \"a\" en \"b\": kies twee verschillende documenten");
  }
  return Status::Ok();
}

Status Duplicates::DecideIn(Database& db, std::string_view x, std::string_view y,
                            std::string_view status) {
  if (x > y) std::swap(x, y);  // pairs are stored sorted, like the indexer's proposals
  auto stmt = db.Prepare(sql::kDuplicateDecide);
  if (!stmt.ok()) return stmt.status();
  return (*stmt)->Bind(1, x).Bind(2, y).Bind(3, 0.0).Bind(4, status).Bind(5, NowIsoUtc()).Run();
}

Status Duplicates::Propose(std::string_view a, std::string_view b, double similarity) {
  return connection_.WithLock([&](Database& db) { return ProposeIn(db, a, b, similarity); });
}

Status Duplicates::ProposeAll(const std::vector<DuplicateCandidate>& candidates) {
  if (candidates.empty()) return Status::Ok();
  return connection_.InTransaction([&](Database& db) -> Status {
    for (const auto& c : candidates) {
      if (Status s = ProposeIn(db, c.a, c.b, c.similarity); !s.ok()) return s;
    }
    return Status::Ok();
  });
}

Status Duplicates::Reject(std::string_view a, std::string_view b, std::string_view editor) {
  if (Status s = CheckPair(a, b); !s.ok()) return s;
  if (Status s = RequireEditor(editor); !s.ok()) return s;
  if (a > b) std::swap(a, b);
  return connection_.InTransaction([&](Database& db) -> Status {
    if (Status s = DecideIn(db, a, b, "rejected"); !s.ok()) return s;
    const std::string pair = nlohmann::json({{"a", a}, {"b", b}}).dump();
    return AuditBothIn(db, {0, "", std::string(editor), "reject-duplicate", "", "", pair}, a, b);
  });
}

Result<std::vector<DuplicateCandidate>> Duplicates::List(std::string_view status) const {
  return connection_.WithLock([&](Database& db) -> Result<std::vector<DuplicateCandidate>> {
    auto stmt = db.Prepare(status.empty() ? sql::kDuplicatesAll : sql::kDuplicatesWithStatus);
    if (!stmt.ok()) return stmt.status();
    if (!status.empty()) (*stmt)->Bind(1, status);
    std::vector<DuplicateCandidate> out;
    while ((*stmt)->Step()) out.push_back(ReadCandidate(**stmt));
    if (!(*stmt)->status().ok()) return (*stmt)->status();
    return out;
  });
}

}  // namespace kb::editorial
