// Override <-> JSON, the shape of the HTTP API's PUT body and of the export. Parsing is strict:
// an unknown key or a value of the wrong shape is refused with the field's name, so a typo in
// the page or an import file never silently drops an editor's decision.
#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <set>

#include "kb/core/schema.h"
#include "kb/editorial/override.h"

namespace kb::editorial {
namespace {

// The years an edited date may carry.
constexpr int kMinYear = 1800;
constexpr int kMaxYear = 2100;

using nlohmann::json;

Status FieldError(std::string_view field, std::string_view problem) {
  return Status::InvalidArgument("veld \"" + std::string(field) + "\": " + std::string(problem))
      .WithDetail(std::string(field), "invalid_value");
}

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

bool IsThemeSlug(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

// CBS gemeente code: "GM" and four digits.
bool IsGemeenteCode(std::string_view s) {
  return s.size() == 6 && s.substr(0, 2) == "GM" && IsDigits(s.substr(2));
}

bool IsProvincieName(std::string_view s) {
  return !s.empty() && s.size() <= 64 &&
         std::none_of(s.begin(), s.end(), [](unsigned char c) { return c < 0x20; });
}

using ItemCheck = bool (*)(std::string_view);

struct ListField {
  const char* name;
  std::vector<std::string> Override::*member;
  ItemCheck check;
  const char* expected;  // what a valid item looks like, for the message
};

const ListField kListFields[] = {
    {"themes_added", &Override::themes_added, IsThemeSlug, "een thema-slug zoals \"jeugdhulp\""},
    {"themes_removed", &Override::themes_removed, IsThemeSlug, "een thema-slug"},
    {"themes_confirmed", &Override::themes_confirmed, IsThemeSlug, "een thema-slug"},
    {"gemeenten_added", &Override::gemeenten_added, IsGemeenteCode,
     "een CBS-code zoals \"GM0106\""},
    {"gemeenten_removed", &Override::gemeenten_removed, IsGemeenteCode, "een CBS-code"},
    {"gemeenten_confirmed", &Override::gemeenten_confirmed, IsGemeenteCode, "een CBS-code"},
    {"provincies_added", &Override::provincies_added, IsProvincieName,
     "een provincienaam zoals \"Drenthe\""},
    {"provincies_removed", &Override::provincies_removed, IsProvincieName, "een provincienaam"},
};

struct TextField {
  const char* name;
  std::optional<std::string> Override::*member;
};

const TextField kTextFields[] = {{"title", &Override::title},
                                 {"date", &Override::date},
                                 {"kind", &Override::kind},
                                 {"evidence", &Override::evidence},
                                 {"organisation", &Override::organisation}};

Status ReadList(const json& value, const ListField& field, Override& out) {
  if (!value.is_array()) return FieldError(field.name, "verwacht een lijst met tekst");
  std::vector<std::string>& list = out.*field.member;
  for (const auto& item : value) {
    if (!item.is_string()) return FieldError(field.name, "elk element moet tekst zijn");
    const std::string text = item.get<std::string>();
    if (!field.check(text)) {
      return FieldError(field.name, "\"" + text + "\" is geen " + field.expected);
    }
    if (std::find(list.begin(), list.end(), text) == list.end()) list.push_back(text);
  }
  return Status::Ok();
}

Status CheckText(std::string_view field, const std::string& value) {
  if (field == "title" && value.find_first_not_of(" \t\r\n") == std::string::npos) {
    return FieldError(field, "de titel mag niet leeg zijn");
  }
  if (field == "date" && !IsValidDate(value)) {
    return FieldError(field,
                      "\"" + value + "\" is geen datum; gebruik JJJJ-MM-DD, JJJJ-MM, JJJJ of leeg");
  }
  if (field == "kind") {
    const auto& kinds = schema::kKinds;
    if (std::find(std::begin(kinds), std::end(kinds), value) == std::end(kinds)) {
      return FieldError(
          field,
          "\"" + value + "\" is geen soort; kies rapport, interview, artikel, wet of overig");
    }
  }
  if (field == "evidence" && !schema::IsEvidenceType(value)) {
    return FieldError(
        field, "\"" + value + "\" is geen soort kennis; kies " + schema::EvidenceTypeChoices());
  }
  return Status::Ok();
}

Status ReadText(const json& value, const TextField& field, Override& out) {
  if (value.is_null()) return Status::Ok();  // null, like absent, keeps the machine's value
  if (!value.is_string()) return FieldError(field.name, "verwacht tekst");
  std::string text = value.get<std::string>();
  if (Status s = CheckText(field.name, text); !s.ok()) return s;
  out.*field.member = std::move(text);
  return Status::Ok();
}

// An item both added and removed is a contradiction the page should never send.
Status CheckNoContradiction(const Override& o) {
  const std::pair<const std::vector<std::string>*, const std::vector<std::string>*> pairs[] = {
      {&o.themes_added, &o.themes_removed},
      {&o.gemeenten_added, &o.gemeenten_removed},
      {&o.provincies_added, &o.provincies_removed}};
  const char* names[] = {"themes_removed", "gemeenten_removed", "provincies_removed"};
  for (std::size_t i = 0; i < std::size(pairs); ++i) {
    for (const auto& item : *pairs[i].second) {
      const auto& added = *pairs[i].first;
      if (std::find(added.begin(), added.end(), item) != added.end()) {
        return FieldError(names[i], "\"" + item + "\" staat ook bij toegevoegd");
      }
    }
  }
  return Status::Ok();
}

Status ReadField(const std::string& key, const json& value, Override& out) {
  for (const auto& field : kTextFields) {
    if (key == field.name) return ReadText(value, field, out);
  }
  for (const auto& field : kListFields) {
    if (key == field.name) return ReadList(value, field, out);
  }
  if (key == "hidden") {
    if (!value.is_boolean()) return FieldError(key, "verwacht true of false");
    out.hidden = value.get<bool>();
    return Status::Ok();
  }
  return FieldError(key,
                    "onbekend veld; toegestaan zijn title, date, kind, evidence, organisation, "
                    "themes_added/_removed/_confirmed, gemeenten_added/_removed/_confirmed, "
                    "provincies_added/_removed en hidden");
}

}  // namespace

bool IsValidDate(std::string_view d) {
  if (d.empty()) return true;
  if (d.size() != 4 && d.size() != 7 && d.size() != 10) return false;
  if (!IsDigits(d.substr(0, 4))) return false;
  const int year = std::stoi(std::string(d.substr(0, 4)));
  if (year < kMinYear || year > kMaxYear) return false;
  if (d.size() == 4) return true;
  if (d[4] != '-' || !IsDigits(d.substr(5, 2))) return false;
  const int month = std::stoi(std::string(d.substr(5, 2)));
  if (month < 1 || month > 12) return false;
  if (d.size() == 7) return true;
  if (d[7] != '-' || !IsDigits(d.substr(8, 2))) return false;
  const int day = std::stoi(std::string(d.substr(8, 2)));
  return day >= 1 && day <= DaysInMonth(year, month);
}

bool Override::empty() const {
  if (title || date || kind || evidence || organisation || hidden) return false;
  return std::all_of(std::begin(kListFields), std::end(kListFields),
                     [this](const ListField& f) { return (this->*f.member).empty(); });
}

std::string Override::ToJson() const {
  json j = json::object();
  for (const auto& field : kTextFields) {
    if (const auto& value = this->*field.member) j[field.name] = *value;
  }
  for (const auto& field : kListFields) j[field.name] = this->*field.member;
  j["hidden"] = hidden;
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<Override> Override::FromJson(std::string_view text) {
  json j = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::InvalidArgument("de correctie is geen geldige JSON");
  if (!j.is_object()) return Status::InvalidArgument("de correctie moet een JSON-object zijn");
  Override out;
  for (const auto& [key, value] : j.items()) {
    if (Status s = ReadField(key, value, out); !s.ok()) return s;
  }
  if (Status s = CheckNoContradiction(out); !s.ok()) return s;
  return out;
}

}  // namespace kb::editorial
