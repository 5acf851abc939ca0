#include "export_data.h"

#include <nlohmann/json.hpp>

namespace kb::editorial {
namespace {

using nlohmann::json;

// Reads the fields of one entry, remembering the first problem with the entry's place in the
// file, so the parsing code reads as a list of fields.
class EntryReader {
 public:
  EntryReader(const json& entry, std::string where) : entry_(entry), where_(std::move(where)) {
    if (!entry_.is_object()) Fail("", "verwacht een object");
  }

  std::string Text(const char* key) {
    const json* value = Find(key);
    if (!value) return {};
    if (!value->is_string()) {
      Fail(key, "verwacht tekst");
      return {};
    }
    return value->get<std::string>();
  }

  // Required text that may not be empty (ids, names).
  std::string Id(const char* key) {
    std::string value = Text(key);
    if (status_.ok() && value.empty()) Fail(key, "mag niet leeg zijn");
    return value;
  }

  bool Bool(const char* key) {
    const json* value = Find(key);
    if (value && !value->is_boolean()) Fail(key, "verwacht true of false");
    return value && value->is_boolean() && value->get<bool>();
  }

  double Number(const char* key) {
    const json* value = Find(key);
    if (value && !value->is_number()) Fail(key, "verwacht een getal");
    return value && value->is_number() ? value->get<double>() : 0.0;
  }

  // JSON kept as text (audit before/after); null becomes "".
  std::string EmbeddedJson(const char* key) {
    const json* value = Find(key);
    if (!value || value->is_null()) return {};
    return value->dump(-1, ' ', false, json::error_handler_t::replace);
  }

  Override OverrideValue(const char* key) {
    const json* value = Find(key);
    if (!value) return {};
    auto parsed = Override::FromJson(value->dump());
    if (!parsed.ok()) {
      Fail(key, parsed.status().message());
      return {};
    }
    return std::move(*parsed);
  }

  const Status& status() const { return status_; }

 private:
  const json* Find(const char* key) {
    if (!status_.ok()) return nullptr;
    auto it = entry_.find(key);
    if (it == entry_.end()) {
      Fail(key, "ontbreekt");
      return nullptr;
    }
    return &*it;
  }

  void Fail(std::string_view key, std::string_view problem) {
    if (!status_.ok()) return;
    std::string place = where_;
    if (!key.empty()) place += "." + std::string(key);
    status_ = Status::InvalidArgument("importbestand, " + place + ": " + std::string(problem));
  }

  const json& entry_;
  std::string where_;
  Status status_;
};

template <typename T, typename ReadOne>
Status ReadSection(const json& root, const char* name, std::vector<T>& out, ReadOne read_one) {
  auto it = root.find(name);
  if (it == root.end()) return Status::Ok();  // a section may be left out
  if (!it->is_array()) {
    return Status::InvalidArgument(std::string("importbestand, ") + name + ": verwacht een lijst");
  }
  for (std::size_t i = 0; i < it->size(); ++i) {
    EntryReader reader((*it)[i], std::string(name) + "[" + std::to_string(i) + "]");
    T value = read_one(reader);
    if (!reader.status().ok()) return reader.status();
    out.push_back(std::move(value));
  }
  return Status::Ok();
}

ExportedEditor ReadEditor(EntryReader& r) {
  ExportedEditor e;
  e.name = r.Id("name");
  e.created = r.Text("created");
  e.active = r.Bool("active");
  e.token_sha256 = r.Id("token_sha256");
  return e;
}

ExportedOverride ReadOverride(EntryReader& r) {
  ExportedOverride o;
  o.doc_id = r.Id("id");
  o.path = r.Text("path");
  o.editor = r.Id("editor");
  o.time = r.Text("time");
  o.value = r.OverrideValue("override");
  return o;
}

ExportedMerge ReadMergeEntry(EntryReader& r) {
  ExportedMerge m;
  m.merge.kept = r.Id("kept");
  m.kept_path = r.Text("kept_path");
  m.merge.duplicate = r.Id("duplicate");
  m.merge.duplicate_title = r.Text("duplicate_title");
  m.merge.duplicate_format = r.Text("duplicate_format");
  m.merge.duplicate_path = r.Text("duplicate_path");
  m.merge.editor = r.Id("editor");
  m.merge.time = r.Text("time");
  return m;
}

Note ReadNote(EntryReader& r) {
  Note n;
  n.doc_id = r.Id("doc_id");
  n.editor = r.Id("editor");
  n.time = r.Text("time");
  n.text = r.Text("text");
  return n;
}

DuplicateCandidate ReadDuplicate(EntryReader& r) {
  DuplicateCandidate d;
  d.a = r.Id("a");
  d.b = r.Id("b");
  d.similarity = r.Number("similarity");
  d.status = r.Id("status");
  d.time = r.Text("time");
  return d;
}

AuditEntry ReadAuditEntry(EntryReader& r) {
  AuditEntry a;
  a.time = r.Id("time");
  a.editor = r.Id("editor");
  a.action = r.Id("action");
  a.doc_id = r.Text("doc_id");
  a.before = r.EmbeddedJson("before");
  a.after = r.EmbeddedJson("after");
  return a;
}

Status CheckHeader(const json& root) {
  // Compared as a JSON value: json::value("format", "") throws when the field is not a string
  // (found by fuzzing: {"format": 9} ended kb-admin import).
  if (!root.is_object() || !root.contains("format") || root["format"] != "kb-editorial-export") {
    return Status::InvalidArgument(
        "importbestand: veld \"format\" moet \"kb-editorial-export\" zijn; is dit een bestand "
        "van `kb-admin export`?");
  }
  if (!root.contains("version") || !root["version"].is_number_integer() || root["version"] != 1) {
    return Status::InvalidArgument("importbestand: veld \"version\" moet 1 zijn");
  }
  return Status::Ok();
}

}  // namespace

Result<ExportData> ExportData::Parse(std::string_view text) {
  const json root = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) return Status::InvalidArgument("importbestand: geen geldige JSON");
  if (Status s = CheckHeader(root); !s.ok()) return s;
  ExportData data;
  Status s = ReadSection(root, "editors", data.editors, ReadEditor);
  if (s.ok()) s = ReadSection(root, "overrides", data.overrides, ReadOverride);
  if (s.ok()) s = ReadSection(root, "merges", data.merges, ReadMergeEntry);
  if (s.ok()) s = ReadSection(root, "notes", data.notes, ReadNote);
  if (s.ok()) s = ReadSection(root, "duplicates", data.duplicates, ReadDuplicate);
  if (s.ok()) s = ReadSection(root, "audit", data.audit, ReadAuditEntry);
  if (!s.ok()) return s;
  return data;
}

std::string ExportData::Summary() const {
  return json({{"editors", editors.size()},
               {"overrides", overrides.size()},
               {"merges", merges.size()},
               {"notes", notes.size()},
               {"duplicates", duplicates.size()},
               {"audit", audit.size()}})
      .dump();
}

}  // namespace kb::editorial
