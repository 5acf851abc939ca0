// Title choice and CompleteMetadata: which source of each metadata field wins, and why.
#include "kb/extract/metadata.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "text_scan.h"

namespace kb::extract {
namespace {

constexpr std::size_t kMaxTitleBytes = 250;
constexpr std::size_t kMaxTextTitleBytes = 200;
constexpr std::size_t kJoinBelowBytes = 60;
constexpr std::size_t kTitleScanBytes = 6000;
constexpr std::size_t kDateScanBytes = 20000;
constexpr std::size_t kLanguageScanBytes = 20000;

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// Titles that office programs and templates put in by default.
bool IsPlaceholderTitle(const std::string& lower) {
  constexpr std::array<std::string_view, 14> kPlaceholders{"untitled",
                                                           "untitled document",
                                                           "titel",
                                                           "title",
                                                           "naamloos",
                                                           "naamloos document",
                                                           "document",
                                                           "geen titel",
                                                           "no title",
                                                           "voorblad",
                                                           "presentatie",
                                                           "powerpoint-presentatie",
                                                           "powerpoint presentation",
                                                           "slide 1"};
  if (std::find(kPlaceholders.begin(), kPlaceholders.end(), lower) != kPlaceholders.end()) {
    return true;
  }
  // "Document1", "Microsoft Word - verslag.docx", "Presentatie1".
  if ((StartsWith(lower, "document") || StartsWith(lower, "presentatie")) &&
      std::isdigit(static_cast<unsigned char>(lower.back())) != 0) {
    return true;
  }
  return StartsWith(lower, "microsoft word") || StartsWith(lower, "microsoft powerpoint") ||
         StartsWith(lower, "microsoft excel");
}

bool LooksLikeFileName(const std::string& lower) {
  constexpr std::array<std::string_view, 14> kExtensions{".pdf", ".doc",  ".docx", ".dot", ".dotx",
                                                         ".odt", ".rtf",  ".txt",  ".ppt", ".pptx",
                                                         ".xls", ".xlsx", ".indd", ".md"};
  for (const auto extension : kExtensions) {
    if (EndsWith(lower, extension)) return true;
  }
  if (lower.find(' ') != std::string::npos) return false;
  const auto dashes = std::count(lower.begin(), lower.end(), '-');
  return lower.find('_') != std::string::npos || lower.find('/') != std::string::npos ||
         lower.find('\\') != std::string::npos || dashes >= 2;
}

// A line that is furniture rather than content: page numbers, running headers, URLs, dates.
bool IsTrivialLine(const std::string& line) {
  const std::size_t letters = scan::CountLetters(line);
  const auto spaces = static_cast<std::size_t>(std::count(line.begin(), line.end(), ' '));
  if (letters < 8 && spaces == 0) return true;
  if (letters < 4) return true;
  // Mostly digits or punctuation (tables, codes).
  if (letters * 2 < line.size() - spaces) return true;
  const std::string lower = scan::ToLowerAscii(line);
  constexpr std::array<std::string_view, 7> kFurniture{"http",  "www.", "pagina ", "page ",
                                                       "blad ", "<",    "{"};
  for (const auto prefix : kFurniture) {
    if (StartsWith(lower, prefix)) return true;
  }
  // A line that is only a date ("22 oktober 2018") is not a title.
  return !FindDutchDate(line).empty() && letters < 16;
}

// Cuts to at most max_bytes at a word boundary.
std::string CutAtWord(std::string text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t cut = text.rfind(' ', max_bytes);
  if (cut == std::string::npos || cut < max_bytes / 2) {
    cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  }
  text.resize(cut);
  return text;
}

// Author entries that are account names rather than people.
bool IsPlausibleAuthor(const std::string& author) {
  if (scan::CountLetters(author) < 2) return false;
  constexpr std::array<std::string_view, 9> kJunk{"user",      "admin",    "administrator",
                                                  "gebruiker", "auteur",   "author",
                                                  "unknown",   "onbekend", "microsoft office user"};
  const std::string lower = scan::ToLowerAscii(author);
  return std::find(kJunk.begin(), kJunk.end(), lower) == kJunk.end();
}

// A heading's section number and closing full stop are not part of the title: "5. Het
// verdienmodel." -> "Het verdienmodel" ("3.2 Resultaten" -> "Resultaten"). Numbers of three or
// more digits stay ("2019 in cijfers"), as does an ellipsis.
std::string WithoutNumbering(std::string title) {
  size_t i = 0;
  bool number = false;
  while (i < title.size()) {
    size_t digits = 0;
    while (i + digits < title.size() && std::isdigit(static_cast<unsigned char>(title[i + digits])))
      ++digits;
    if (digits == 0 || digits > 2) break;
    i += digits;
    number = true;
    if (i < title.size() && title[i] == '.') ++i;
    if (i < title.size() && title[i] == ' ') break;
  }
  if (number && i + 1 < title.size() && title[i] == ' ' &&
      std::isupper(static_cast<unsigned char>(title[i + 1]))) {
    title.erase(0, i + 1);
  }
  if (title.size() > 1 && title.back() == '.' && title[title.size() - 2] != '.') title.pop_back();
  return title;
}

// Declared titles sometimes carry Markdown emphasis ("**5. Het verdienmodel.**").
std::string CleanTitle(std::string_view title) {
  std::string out;
  for (std::size_t i = 0; i < title.size(); ++i) {
    const bool doubled = i + 1 < title.size() && title[i + 1] == title[i];
    if ((title[i] == '*' || title[i] == '_') && doubled) {
      ++i;
      continue;
    }
    if (title[i] == '`') continue;
    out.push_back(title[i]);
  }
  out = scan::CollapseWhitespace(out);
  return WithoutNumbering(out);
}

std::string ChooseTitle(const DeclaredMetadata& declared, const std::filesystem::path& path,
                        const ExtractedDoc& doc) {
  for (const std::string* candidate : {&declared.title, &declared.heading}) {
    std::string clean = CleanTitle(*candidate);
    if (IsPlausibleTitle(clean)) return CitationTitle(clean, doc.pages);
  }
  std::string from_text = TitleFromText(scan::JoinedPrefix(doc.pages, kTitleScanBytes));
  if (!from_text.empty()) return CitationTitle(from_text, doc.pages);
  return TitleFromFileName(path);
}

std::string ChooseDate(const DeclaredMetadata& declared, const std::filesystem::path& path,
                       const ExtractedDoc& doc) {
  std::string date = NormaliseDate(declared.date);
  if (date.empty()) date = FindDutchDate(scan::JoinedPrefix(doc.pages, kDateScanBytes));
  if (date.empty()) {
    // File names such as "2019-10-30-titel.md" or "verslag_14-02-2021.md".
    std::string stem = path.stem().string();
    std::replace(stem.begin(), stem.end(), '_', ' ');
    date = FindDutchDate(stem);
  }
  if (date.empty()) date = NormaliseDate(declared.fallback_date);
  return date;
}

}  // namespace

namespace {

// The name in the last "... wordt aangehaald als: Naam." of an act's text, or empty.
std::string CitedAs(const std::vector<std::string>& pages) {
  constexpr std::string_view kCue = "aangehaald als";
  std::string found;
  for (const std::string& page : pages) {
    for (size_t at = page.find(kCue); at != std::string::npos; at = page.find(kCue, at + 1)) {
      size_t begin = at + kCue.size();
      while (begin < page.size() && (page[begin] == ':' || page[begin] == ' ' ||
                                     page[begin] == '"' || page[begin] == '\'')) {
        ++begin;
      }
      // Up to the full stop that ends the sentence (not one inside a number such as "3.2").
      size_t end = begin;
      while (end < page.size() && page[end] != '\n' &&
             !(page[end] == '.' && (end + 1 == page.size() || page[end + 1] == ' ' ||
                                    page[end + 1] == '\n' || page[end + 1] == '"'))) {
        ++end;
      }
      std::string name = scan::CollapseWhitespace(page.substr(begin, end - begin));
      while (!name.empty() && (name.back() == '"' || name.back() == '\'')) name.pop_back();
      if (!name.empty() && name.size() <= 150 &&
          std::isupper(static_cast<unsigned char>(name[0]))) {
        found = std::move(name);
      }
    }
  }
  return found;
}

// "... tot vaststelling van de Wet gelijke behandeling ..." -> "Wet gelijke behandeling ...".
std::string EstablishedAct(std::string_view title) {
  for (std::string_view cue : {"vaststelling van de ", "vaststelling van het "}) {
    const size_t at = title.find(cue);
    if (at == std::string_view::npos) continue;
    const std::string name = scan::CollapseWhitespace(title.substr(at + cue.size()));
    if (!name.empty() && std::isupper(static_cast<unsigned char>(name[0]))) return name;
  }
  return {};
}

}  // namespace

std::string CitationTitle(std::string_view title, const std::vector<std::string>& text) {
  constexpr std::array<std::string_view, 5> kActs = {"Wet van ", "Besluit van ", "Rijkswet van ",
                                                     "Regeling van ", "Beschikking van "};
  const bool act = std::any_of(kActs.begin(), kActs.end(), [&](std::string_view opening) {
    return title.substr(0, opening.size()) == opening;
  });
  if (!act) return std::string(title);
  // The act's own citation article is the authority (it follows renames: the Wet werk en
  // bijstand "wordt aangehaald als: Participatiewet").
  if (std::string cited = CitedAs(text); !cited.empty()) return cited;
  if (!title.empty() && title.back() == ')') {
    // The last bracketed part, matching brackets from the end ("(Wet werk en bijstand)").
    int depth = 0;
    for (std::size_t i = title.size(); i-- > 0;) {
      if (title[i] == ')') ++depth;
      if (title[i] == '(' && --depth == 0) {
        const std::string name =
            scan::CollapseWhitespace(title.substr(i + 1, title.size() - i - 2));
        if (!name.empty() && std::isupper(static_cast<unsigned char>(name[0])) &&
            name.size() <= 150) {
          return name;
        }
        break;
      }
    }
  }
  if (std::string established = EstablishedAct(title); !established.empty()) return established;
  return std::string(title);
}

bool IsPlausibleTitle(std::string_view title) {
  const std::string collapsed = scan::CollapseWhitespace(title);
  if (collapsed.empty() || collapsed.size() > kMaxTitleBytes) return false;
  if (scan::CountLetters(collapsed) < 3) return false;
  const std::string lower = scan::ToLowerAscii(collapsed);
  return !IsPlaceholderTitle(lower) && !LooksLikeFileName(lower);
}

std::string TitleFromText(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(scan::CollapseWhitespace(text.substr(start, end - start)));
    start = end + 1;
  }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (IsTrivialLine(lines[i])) continue;
    std::string title = lines[i];
    // Cover pages break titles over lines ("De maatschappelijke kosten" / "van
    // schuldenproblematiek"): a short line takes up to two short lines that follow when they
    // start in lower case, i.e. continue the sentence rather than start a heading.
    for (std::size_t k = i + 1; k < lines.size() && k <= i + 2; ++k) {
      const bool short_title =
          title.size() < kJoinBelowBytes && title.back() != '.' && title.back() != ':';
      if (!short_title || lines[k].empty() || lines[k].size() > kJoinBelowBytes ||
          !std::islower(static_cast<unsigned char>(lines[k].front())) || IsTrivialLine(lines[k])) {
        break;
      }
      title.append(" ").append(lines[k]);
    }
    return CutAtWord(title, kMaxTextTitleBytes);
  }
  return {};
}

std::string TitleFromFileName(const std::filesystem::path& path) {
  std::string stem = path.stem().string();
  std::replace_if(
      stem.begin(), stem.end(), [](char c) { return c == '_' || c == '-' || c == '+'; }, ' ');
  std::string title = scan::CollapseWhitespace(stem);
  if (title.empty()) title = path.filename().string();
  if (title.empty()) title = path.string();
  return title.empty() ? std::string("(zonder titel)") : title;
}

void CompleteMetadata(const DeclaredMetadata& declared, const std::filesystem::path& path,
                      ExtractedDoc& doc) {
  doc.title = ChooseTitle(declared, path, doc);
  doc.date = ChooseDate(declared, path, doc);
  if (doc.authors.empty()) {
    for (const auto& author : declared.authors) {
      std::string clean = scan::CollapseWhitespace(author);
      if (IsPlausibleAuthor(clean)) doc.authors.push_back(std::move(clean));
    }
  }
  if (doc.organisation.empty()) doc.organisation = scan::CollapseWhitespace(declared.organisation);
  doc.language = GuessLanguage(scan::JoinedPrefix(doc.pages, kLanguageScanBytes));
  doc.kind = GuessKind(doc);
  if (doc.organisation.empty() && doc.kind == "wet") doc.organisation = SigningMinistry(doc.pages);
}

std::vector<std::string> SplitAuthors(std::string_view field) {
  // Joining words become ';' (copied, not replaced in place: GCC 12 warns on that).
  std::string text;
  for (size_t i = 0; i < field.size();) {
    bool joined = false;
    for (std::string_view joiner : {" en ", " & ", " and ", " En "}) {
      if (field.substr(i, joiner.size()) == joiner) {
        text.push_back(';');
        i += joiner.size();
        joined = true;
        break;
      }
    }
    if (!joined) text.push_back(field[i++]);
  }
  auto words = [](std::string_view s) {
    size_t n = 0;
    bool in_word = false;
    for (char c : s) {
      const bool space = std::isspace(static_cast<unsigned char>(c)) != 0;
      if (!space && !in_word) ++n;
      in_word = !space;
    }
    return n;
  };
  // Initials such as "J." or "J.P." are a first name, not a person.
  auto initials = [](std::string_view s) {
    const std::string t = scan::CollapseWhitespace(s);
    return !t.empty() && t.size() <= 6 && t.find('.') != std::string::npos;
  };
  std::vector<std::string> out;
  auto add = [&](std::string_view name) {
    std::string clean = scan::CollapseWhitespace(name);
    if (!clean.empty()) out.push_back(std::move(clean));
  };
  std::istringstream pieces(text);
  for (std::string piece; std::getline(pieces, piece, ';');) {
    const size_t commas = static_cast<size_t>(std::count(piece.begin(), piece.end(), ','));
    if (commas == 0) {
      add(piece);
      continue;
    }
    const size_t comma = piece.find(',');
    const std::string_view left = std::string_view(piece).substr(0, comma);
    const std::string_view right = std::string_view(piece).substr(comma + 1);
    if (commas == 1 && (words(left) < 2 || words(right) < 2 || initials(right))) {
      add(piece);  // "Hofstede, Anneke", "Vries, J. de"
      continue;
    }
    std::istringstream names(piece);
    for (std::string name; std::getline(names, name, ',');) add(name);
  }
  return out;
}

std::string PublisherOfUrl(std::string_view url) {
  // Dutch news and government sites that publish in the social domain.
  constexpr std::array<std::pair<std::string_view, std::string_view>, 24> kPublishers = {{
      {"ad.nl", "Algemeen Dagblad"},
      {"nos.nl", "NOS"},
      {"telegraaf.nl", "De Telegraaf"},
      {"trouw.nl", "Trouw"},
      {"volkskrant.nl", "de Volkskrant"},
      {"nu.nl", "NU.nl"},
      {"nrc.nl", "NRC"},
      {"parool.nl", "Het Parool"},
      {"omroepwest.nl", "Omroep West"},
      {"rtvutrecht.nl", "RTV Utrecht"},
      {"rtlnieuws.nl", "RTL Nieuws"},
      {"fd.nl", "Het Financieele Dagblad"},
      {"binnenlandsbestuur.nl", "Binnenlands Bestuur"},
      {"tweakers.net", "Tweakers"},
      {"rijksoverheid.nl", "Rijksoverheid"},
      {"vng.nl", "Vereniging van Nederlandse Gemeenten"},
      {"cbs.nl", "Centraal Bureau voor de Statistiek"},
      {"scp.nl", "Sociaal en Cultureel Planbureau"},
      {"movisie.nl", "Movisie"},
      {"nji.nl", "Nederlands Jeugdinstituut"},
      {"omroepbrabant.nl", "Omroep Brabant"},
      {"rtvnoord.nl", "RTV Noord"},
      {"omropfryslan.nl", "Omrop Fryslân"},
      {"dvhn.nl", "Dagblad van het Noorden"},
  }};
  size_t begin = url.find("://");
  begin = begin == std::string_view::npos ? 0 : begin + 3;
  std::string host(url.substr(begin, url.find_first_of("/?#", begin) - begin));
  for (char& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const auto& [domain, name] : kPublishers) {
    const bool same = host == domain;
    const bool sub = host.size() > domain.size() &&
                     host.compare(host.size() - domain.size(), domain.size(), domain) == 0 &&
                     host[host.size() - domain.size() - 1] == '.';
    if (same || sub) return std::string(name);
  }
  return {};
}

std::string SigningMinistry(const std::vector<std::string>& pages) {
  for (const std::string& page : pages) {
    const size_t signed_at = page.find("Gegeven te");
    if (signed_at == std::string::npos) continue;
    std::istringstream lines(page.substr(signed_at));
    for (std::string line; std::getline(lines, line);) {
      line = scan::CollapseWhitespace(line);
      for (std::string_view signer : {"De Minister van ", "De Staatssecretaris van "}) {
        if (line.rfind(signer, 0) != 0) continue;
        std::string ministry = line.substr(signer.size());
        while (!ministry.empty() && (ministry.back() == ',' || ministry.back() == ' ')) {
          ministry.pop_back();
        }
        if (!ministry.empty()) return "Ministerie van " + ministry;
      }
    }
  }
  return {};
}

}  // namespace kb::extract
