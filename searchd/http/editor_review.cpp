// Review queues, the index status and the audit log.
#include <algorithm>
#include <map>
#include <string>

#include "editor_json.h"
#include "editor_service.h"
#include "kb/editorial/review.h"
#include "kb/http/json_mapping.h"
#include "kb/search/search_request.h"

namespace kb::http {

namespace {

struct QueueName {
  std::string_view name;
  std::string_view label;
};

constexpr QueueName kQueues[] = {
    {editorial::review::kTitle, "Titel controleren"},
    {editorial::review::kDate, "Datum ontbreekt of klopt niet"},
    {editorial::review::kNoTheme, "Zonder thema"},
    {editorial::review::kNoRegion, "Zonder regio"},
    {editorial::review::kLowConfidence, "Tags bevestigen"},
    {editorial::review::kPersonalData, "Persoonsgegevens gemaskeerd"},
    {editorial::review::kDuplicates, "Mogelijke dubbelen"},
};

// A count parameter, `fallback` when absent; read as every integer parameter is
// (search::ParseIntParameter): InvalidArgument outside [min, max].
Result<size_t> SizeParameter(const httplib::Request& req, const std::string& name, int fallback,
                             int min, int max) {
  if (!req.has_param(name)) return static_cast<size_t>(fallback);
  auto value = search::ParseIntParameter(name, req.get_param_value(name), min, max);
  if (!value.ok()) return value.status();
  return static_cast<size_t>(*value);
}

// The proposed duplicate pairs whose documents are both indexed and visible, most similar first.
struct VisiblePair {
  editorial::DuplicateCandidate candidate;
  StoredDocument a;
  StoredDocument b;
};

Result<std::vector<VisiblePair>> VisibleDuplicates(editorial::Duplicates& duplicates,
                                                   search::SearcherPool& pool) {
  auto candidates = duplicates.List("proposed");
  if (!candidates.ok()) return candidates.status();
  std::vector<std::string> ids;
  for (const auto& c : *candidates) {
    ids.push_back(c.a);
    ids.push_back(c.b);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  auto docs = pool.Acquire()->Documents(ids);
  if (!docs.ok()) return docs.status();
  std::map<std::string, const StoredDocument*> by_id;
  for (const auto& d : *docs) {
    if (!d.hidden) by_id[d.id] = &d;
  }
  std::vector<VisiblePair> out;
  for (const auto& c : *candidates) {
    auto a = by_id.find(c.a), b = by_id.find(c.b);
    if (a != by_id.end() && b != by_id.end()) out.push_back({c, *a->second, *b->second});
  }
  std::stable_sort(out.begin(), out.end(), [](const VisiblePair& x, const VisiblePair& y) {
    return x.candidate.similarity > y.candidate.similarity;
  });
  return out;
}

}  // namespace

void EditorService::Queues(EditorCall& call) {
  if (auto st = OnlyParameters(call.req, {}); !st.ok()) return SendError(call.res, st);
  nlohmann::json queues = nlohmann::json::array();
  for (const QueueName& q : kQueues) {
    std::uint64_t count = 0;
    if (q.name == editorial::review::kDuplicates) {
      auto pairs = VisibleDuplicates(options_.store->duplicates(), pool_);
      if (!pairs.ok()) return SendError(call.res, pairs.status());
      count = pairs->size();
    } else {
      auto n = pool_.Acquire()->ReviewCount(q.name);
      if (!n.ok()) return SendError(call.res, n.status());
      count = *n;
    }
    queues.push_back({{"name", q.name}, {"label", q.label}, {"count", count}});
  }
  call.res.set_header("Cache-Control", "no-store");
  SendJsonStatus(call.res, 200, {{"queues", std::move(queues)}});
}

void EditorService::Queue(EditorCall& call) {
  if (auto st = OnlyParameters(call.req, {"offset", "limit"}); !st.ok()) {
    return SendError(call.res, st);
  }
  auto offset = SizeParameter(call.req, "offset", 0, 0, 1000000);
  if (!offset.ok()) return SendError(call.res, offset.status());
  auto limit = SizeParameter(call.req, "limit", 20, 1, 100);
  if (!limit.ok()) return SendError(call.res, limit.status());
  const std::string name = call.req.matches[1].str();
  nlohmann::json items = nlohmann::json::array();
  std::uint64_t total = 0;
  if (name == editorial::review::kDuplicates) {
    auto pairs = VisibleDuplicates(options_.store->duplicates(), pool_);
    if (!pairs.ok()) return SendError(call.res, pairs.status());
    total = pairs->size();
    for (size_t i = *offset; i < pairs->size() && i < *offset + *limit; ++i) {
      const VisiblePair& p = (*pairs)[i];
      items.push_back({{"a", DocumentSummary(p.a)},
                       {"b", DocumentSummary(p.b)},
                       {"similarity", p.candidate.similarity}});
    }
  } else {
    auto page = pool_.Acquire()->ReviewQueue(name, *offset, *limit);
    if (!page.ok()) return SendError(call.res, page.status());
    total = page->total;
    for (const auto& doc : page->documents) {
      auto value = options_.store->edits().GetOverride(doc.id);
      if (!value.ok()) return SendError(call.res, value.status());
      items.push_back(QueueItemObject(doc, *value));
    }
  }
  call.res.set_header("Cache-Control", "no-store");
  SendJsonStatus(call.res, 200, {{"name", name}, {"total", total}, {"items", std::move(items)}});
}

void EditorService::Search(EditorCall& call) {
  if (auto st = OnlyParameters(call.req, {"q", "offset", "limit"}); !st.ok()) {
    return SendError(call.res, st);
  }
  auto offset = SizeParameter(call.req, "offset", 0, 0, 9900);
  if (!offset.ok()) return SendError(call.res, offset.status());
  auto limit = SizeParameter(call.req, "limit", 20, 1, 100);
  if (!limit.ok()) return SendError(call.res, limit.status());
  search::QueryParams params;
  if (call.req.has_param("q")) params.emplace_back("q", call.req.get_param_value("q"));
  auto request = search::ParseSearchRequest(params);
  if (!request.ok()) return SendError(call.res, request.status());
  request->include_hidden = true;
  request->metadata_only = true;
  request->facets = false;
  request->size = static_cast<int>(*offset + *limit);
  auto result = pool_.Acquire()->Search(*request);
  if (!result.ok()) return SendError(call.res, result.status());
  nlohmann::json items = nlohmann::json::array();
  for (size_t i = *offset; i < result->documents.size(); ++i) {
    const StoredDocument& d = result->documents[i];
    nlohmann::json item = DocumentSummary(d);
    item["year"] = d.year > 0 ? nlohmann::json(d.year) : nlohmann::json(nullptr);
    item["kind"] = d.kind;
    item["hidden"] = d.hidden;
    item["merged_into"] = d.merged_into;
    item["edited"] = d.edited;
    item["review"] = d.review;
    items.push_back(std::move(item));
  }
  call.res.set_header("Cache-Control", "no-store");
  SendJsonStatus(call.res, 200,
                 {{"query", request->q},
                  {"total", result->total},
                  {"offset", *offset},
                  {"items", std::move(items)}});
}

void EditorService::IndexStatus(EditorCall& call) {
  if (auto st = OnlyParameters(call.req, {}); !st.ok()) return SendError(call.res, st);
  auto pending = options_.store->queue().Items();
  if (!pending.ok()) return SendError(call.res, pending.status());
  auto generation = options_.store->queue().Generation();
  if (!generation.ok()) return SendError(call.res, generation.status());
  auto info = pool_.Acquire()->Info();
  if (!info.ok()) return SendError(call.res, info.status());
  call.res.set_header("Cache-Control", "no-store");
  SendJsonStatus(call.res, 200,
                 {{"pending", pending->size()},
                  {"generation", *generation},
                  {"last_update", info->last_update},
                  {"documents", info->document_count}});
}

void EditorService::Themes(EditorCall& call) {
  if (auto st = OnlyParameters(call.req, {}); !st.ok()) return SendError(call.res, st);
  // The same body as GET /api/catalog, written once.
  call.res.set_content(CatalogJson(*options_.catalog), "application/json; charset=utf-8");
}

void EditorService::Audit(EditorCall& call) {
  if (auto st = OnlyParameters(call.req, {"doc", "limit"}); !st.ok()) {
    return SendError(call.res, st);
  }
  auto limit = SizeParameter(call.req, "limit", 50, 1, 1000);
  if (!limit.ok()) return SendError(call.res, limit.status());
  auto entries = options_.store->audit().Recent(call.req.get_param_value("doc"), *limit);
  if (!entries.ok()) return SendError(call.res, entries.status());
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : *entries) out.push_back(AuditObject(e));
  call.res.set_header("Cache-Control", "no-store");
  SendJsonStatus(call.res, 200, {{"entries", std::move(out)}});
}

}  // namespace kb::http
