#include "kb/http/person_names.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "split_list.h"

namespace kb::http {

namespace {

// Lower-case name particles of Dutch (and the neighbours' that occur in Dutch reports).
constexpr std::array<std::string_view, 22> kParticles = {
    "van", "de",  "der", "den", "het", "'t", "te", "ter", "ten", "in", "op",
    "uit", "aan", "von", "zu",  "du",  "la", "le", "da",  "dos", "di", "del"};

// Titles and degrees, compared without the final '.' and case.
constexpr std::array<std::string_view, 21> kTitles = {
    "prof", "dr", "drs", "mr",  "ir",  "ing", "dhr", "mevr", "mw", "em", "bc",
    "msc",  "ma", "ba",  "bsc", "phd", "mba", "llm", "mpa",  "md", "ds"};

// Words that make an author field an organisation.
constexpr std::array<std::string_view, 40> kOrganisationWords = {"gemeente",
                                                                 "gemeenten",
                                                                 "ministerie",
                                                                 "stichting",
                                                                 "vereniging",
                                                                 "instituut",
                                                                 "institute",
                                                                 "universiteit",
                                                                 "university",
                                                                 "hogeschool",
                                                                 "kenniscentrum",
                                                                 "centrum",
                                                                 "center",
                                                                 "centre",
                                                                 "raad",
                                                                 "bureau",
                                                                 "college",
                                                                 "provincie",
                                                                 "rijksoverheid",
                                                                 "planbureau",
                                                                 "inspectie",
                                                                 "expertisecentrum",
                                                                 "werkplaats",
                                                                 "werkplaatsen",
                                                                 "platform",
                                                                 "netwerk",
                                                                 "afdeling",
                                                                 "redactie",
                                                                 "bv",
                                                                 "b.v.",
                                                                 "nv",
                                                                 "n.v.",
                                                                 "foundation",
                                                                 "council",
                                                                 "ministry",
                                                                 "department",
                                                                 "coalitie",
                                                                 "programma",
                                                                 "samenwerkingsverband",
                                                                 "team"};

// Parts of compound organisation words; long enough that no Dutch surname holds them.
constexpr std::array<std::string_view, 14> kOrganisationStems = {
    "gemeente",     "ministerie", "stichting", "instituut", "vereniging",
    "universiteit", "hogeschool", "provincie", "inspectie", "planbureau",
    "centrum",      "rekenkamer", "ombudsman", "werkplaats"};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> out;
  std::string word;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!word.empty()) out.push_back(std::move(word));
      word.clear();
    } else {
      word.push_back(c);
    }
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

std::string JoinWords(const std::vector<std::string>& words, size_t from, size_t to) {
  std::string out;
  for (size_t i = from; i < to; ++i) {
    if (!out.empty()) out += ' ';
    out += words[i];
  }
  return out;
}

bool IsParticle(std::string_view word) {
  return std::find(kParticles.begin(), kParticles.end(), word) != kParticles.end();
}

bool IsTitle(std::string_view word) {
  std::string w = Lower(word);
  while (!w.empty() && (w.back() == '.' || w.back() == ',')) w.pop_back();
  return std::find(kTitles.begin(), kTitles.end(), w) != kTitles.end();
}

bool StartsCapital(std::string_view word) {
  if (word.empty()) return false;
  const auto c = static_cast<unsigned char>(word.front());
  return std::isupper(c) || c >= 0x80;  // a letter with a diacritic: "Émile", "Özlem"
}

// "P.", "P.J.", "PJ", "J.-P.": letters each followed by '.', or two or three capitals.
bool IsInitials(std::string_view word) {
  if (word.empty()) return false;
  bool dots = word.find('.') != std::string_view::npos;
  size_t letters = 0;
  for (char c : word) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalpha(u)) {
      if (!std::isupper(u)) return false;
      ++letters;
    } else if (c != '.' && c != '-') {
      return false;
    }
  }
  return letters > 0 && (dots || letters <= 3);
}

bool AllInitials(std::string_view part) {
  const auto words = Words(part);
  return !words.empty() && std::all_of(words.begin(), words.end(), [](const std::string& w) {
    return IsInitials(w) || IsParticle(w);
  });
}

// Given names after a family name's comma: capitalised words or initials, then particles.
bool LooksGiven(std::string_view part) {
  const auto words = Words(part);
  if (words.empty() || words.size() > 5) return false;
  size_t i = 0;
  while (i < words.size() && !IsParticle(words[i])) {
    if (!StartsCapital(words[i]) && !IsTitle(words[i])) return false;
    ++i;
  }
  const bool some_given = i > 0;
  for (; i < words.size(); ++i) {
    if (!IsParticle(words[i])) return false;
  }
  return some_given;
}

// An organisation by its words (not merely by being one word).
bool NamesOrganisation(std::string_view field) {
  const auto words = Words(field);
  for (const std::string& word : words) {
    std::string w = Lower(word);
    while (!w.empty() && (w.back() == ',' || w.back() == ':' || w.back() == ')')) w.pop_back();
    if (std::find(kOrganisationWords.begin(), kOrganisationWords.end(), w) !=
        kOrganisationWords.end()) {
      return true;
    }
    // Compounds: "Gemeenteraad", "Adviesraad", "Jeugdinstituut", "Kenniscentrum".
    for (std::string_view stem : kOrganisationStems) {
      if (w.size() > stem.size() && w.find(stem) != std::string::npos) return true;
    }
    if (w.size() > 6 && w.ends_with("raad")) return true;
    if (std::any_of(word.begin(), word.end(),
                    [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
      return true;
    }
    // An acronym of four or more capitals (SCP, CBS are three and could be initials).
    const size_t caps = static_cast<size_t>(std::count_if(word.begin(), word.end(), [](char c) {
      return std::isupper(static_cast<unsigned char>(c));
    }));
    if (caps >= 4 && caps == word.size()) return true;
  }
  return false;
}

bool IsOrganisation(std::string_view field) {
  return Words(field).size() == 1 || NamesOrganisation(field);
}

// Drops titles and degrees before and after the name.
std::vector<std::string> WithoutTitles(std::vector<std::string> words) {
  while (words.size() > 1 && IsTitle(words.front())) words.erase(words.begin());
  while (words.size() > 1 && IsTitle(words.back())) words.pop_back();
  for (std::string& w : words) {
    while (!w.empty() && w.back() == ',') w.pop_back();
  }
  std::erase_if(words, [](const std::string& w) { return w.empty(); });
  return words;
}

// "Jan van der Berg", "P. de Vries", "Anna Jansen-de Vries".
PersonName NaturalOrder(std::string_view text) {
  const std::vector<std::string> words = WithoutTitles(Words(text));
  PersonName name;
  if (words.empty()) return name;
  if (words.size() == 1) {
    name.family = words.front();
    return name;
  }
  size_t family_start = words.size() - 1;
  // A double name: "Jansen-de Vries", "Smit-van der Meer".
  auto joins = [&](size_t i) {
    const std::string& w = words[i];
    const size_t dash = w.rfind('-');
    return dash != std::string::npos && dash + 1 < w.size() && IsParticle(w.substr(dash + 1));
  };
  size_t particle_start = family_start;
  while (particle_start > 1 &&
         (IsParticle(words[particle_start - 1]) || joins(particle_start - 1))) {
    --particle_start;
  }
  // Particles inside a double name belong to the family name itself.
  size_t first_joined = family_start;
  for (size_t i = particle_start; i < family_start; ++i) {
    if (joins(i)) {
      first_joined = i;
      break;
    }
  }
  if (first_joined < family_start) {
    name.family = JoinWords(words, first_joined, words.size());
    name.particle = JoinWords(words, particle_start, first_joined);
  } else {
    name.family = words.back();
    name.particle = JoinWords(words, particle_start, family_start);
  }
  name.given = JoinWords(words, 0, particle_start);
  return name;
}

// "Berg, Jan van der", "van der Berg, J.", "Vroonhof, Paul".
PersonName FamilyFirst(std::string_view family_part, std::string_view given_part) {
  PersonName name;
  std::vector<std::string> family = WithoutTitles(Words(family_part));
  std::vector<std::string> given = WithoutTitles(Words(given_part));
  std::vector<std::string> particles;
  while (family.size() > 1 && IsParticle(family.front())) {
    particles.push_back(family.front());
    family.erase(family.begin());
  }
  while (!given.empty() && IsParticle(given.back())) {
    particles.insert(particles.begin(), given.back());
    given.pop_back();
  }
  name.family = JoinWords(family, 0, family.size());
  name.particle = JoinWords(particles, 0, particles.size());
  name.given = JoinWords(given, 0, given.size());
  return name;
}

// Splits at ";", " en ", " & ", " and ", " | ", " / ".
std::vector<std::string> SplitPersons(std::string_view field) {
  std::string text(field);
  for (std::string_view sep : {" en ", " & ", " and ", " | ", " / ", " En "}) {
    for (size_t at = text.find(sep); at != std::string::npos; at = text.find(sep, at + 1)) {
      text.replace(at, sep.size(), ";");
    }
  }
  return SplitList(text, ';');
}

std::vector<std::string> SplitCommas(std::string_view s) { return SplitList(s, ','); }

void AddPersons(std::string_view piece, std::vector<PersonName>& out) {
  if (IsOrganisation(piece)) {
    PersonName org;
    org.family = TrimSpaces(piece);
    org.literal = true;
    out.push_back(std::move(org));
    return;
  }
  const std::vector<std::string> parts = SplitCommas(piece);
  if (parts.size() <= 1) {
    PersonName name = NaturalOrder(piece);
    name.literal = name.given.empty() && name.particle.empty();
    out.push_back(std::move(name));
    return;
  }
  const auto family_like = [](const std::string& part) {
    const auto words = WithoutTitles(Words(part));
    return !words.empty() && words.size() <= 4;
  };
  if (parts.size() == 2 && family_like(parts[0]) && Words(parts[0]).size() <= 3 &&
      LooksGiven(parts[1]) &&
      // "Jan Jansen, Piet Pieters" is two natural-order names, not family "Jan Jansen".
      !(Words(parts[0]).size() >= 2 && Words(parts[1]).size() >= 2 && !AllInitials(parts[1]) &&
        !IsParticle(Lower(Words(parts[0]).front())))) {
    out.push_back(FamilyFirst(parts[0], parts[1]));
    return;
  }
  bool pairs = parts.size() % 2 == 0;
  for (size_t i = 1; pairs && i < parts.size(); i += 2) pairs = AllInitials(parts[i]);
  if (pairs) {
    for (size_t i = 0; i + 1 < parts.size(); i += 2)
      out.push_back(FamilyFirst(parts[i], parts[i + 1]));
    return;
  }
  for (const std::string& part : parts) out.push_back(NaturalOrder(part));
}

}  // namespace

std::string PersonName::FullFamily() const {
  return particle.empty() ? family : particle + " " + family;
}

std::string PersonName::Inverted() const {
  if (literal || given.empty()) return FullFamily();
  return FullFamily() + ", " + given;
}

std::string PersonName::Apa() const {
  if (literal || given.empty()) return FullFamily();
  return FullFamily() + ", " + Initials(given);
}

std::string Initials(std::string_view given) {
  // The first letter of a name, as a whole UTF-8 sequence, with a dot.
  const auto initial = [](std::string_view name) {
    const auto c = static_cast<unsigned char>(name.front());
    const size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    return std::string(name.substr(0, std::min(len, name.size()))) + ".";
  };
  std::string out;
  for (const std::string& word : Words(given)) {
    std::string initials;  // of this word: "A.-M.", "P. J. M."
    size_t start = 0;
    while (start <= word.size()) {
      size_t end = word.find('-', start);
      if (end == std::string::npos) end = word.size();
      const std::string_view part = std::string_view(word).substr(start, end - start);
      std::string piece;
      if (!part.empty()) {
        if (IsInitials(part)) {
          // "P.J.M." or "PJ": every letter is an initial.
          for (char c : part) {
            if (!std::isalpha(static_cast<unsigned char>(c))) continue;
            piece += (piece.empty() ? "" : " ") + std::string(1, c) + ".";
          }
        } else {
          piece = initial(part);
        }
      }
      if (!piece.empty()) initials += (initials.empty() ? "" : "-") + piece;
      start = end + 1;
    }
    if (!initials.empty()) out += (out.empty() ? "" : " ") + initials;
  }
  return out;
}

std::vector<PersonName> ParseAuthors(const std::vector<std::string>& fields) {
  std::vector<PersonName> out;
  for (const std::string& field : fields) {
    const std::vector<std::string> pieces = SplitPersons(field);
    // "Ministerie van Volksgezondheid, Welzijn en Sport" is one name: an organisation's name is
    // split only where every part names an organisation of its own.
    if (pieces.size() > 1 && NamesOrganisation(field) &&
        !std::all_of(pieces.begin(), pieces.end(),
                     [](const std::string& p) { return NamesOrganisation(p); })) {
      PersonName org;
      org.family = TrimSpaces(field);
      org.literal = true;
      out.push_back(std::move(org));
      continue;
    }
    for (const std::string& piece : pieces) AddPersons(piece, out);
  }
  std::vector<PersonName> unique;
  for (PersonName& name : out) {
    if (name.family.empty()) continue;
    const bool seen = std::any_of(unique.begin(), unique.end(), [&](const PersonName& u) {
      return u.Inverted() == name.Inverted();
    });
    if (!seen) unique.push_back(std::move(name));
  }
  return unique;
}

}  // namespace kb::http
