// Title choice and CompleteMetadata: which source of each metadata field wins, and why.
#include "kb/extract/metadata.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "kb/extract/evidence_type.h"
#include "text_scan.h"

namespace kb::extract {
namespace {

constexpr std::size_t kMaxTextTitleBytes = 200;
constexpr std::size_t kJoinBelowBytes = 60;
constexpr std::size_t kTitleScanBytes = 6000;
constexpr std::size_t kDateScanBytes = 20000;
constexpr std::size_t kLanguageScanBytes = 20000;
// Authors and publishers are named on the first pages: colophon, byline, title page.
constexpr std::size_t kCreditsScanBytes = 20000;
// Running text read for the organisation it names most; a manual names its publisher late.
constexpr std::size_t kNamedScanBytes = 400000;

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// Titles that office programs and templates put in by default.
bool IsPlaceholderTitle(const std::string& lower) {
  constexpr std::array<std::string_view, 16> kPlaceholders{"untitled",
                                                           "unknown",
                                                           "onbekend",
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

}  // namespace

bool LooksLikeFileName(std::string_view title) {
  const std::string lower = scan::ToLowerAscii(title);
  constexpr std::array<std::string_view, 16> kExtensions{
      ".pdf", ".doc",  ".docx", ".dot",  ".dotx", ".odt", ".rtf", ".txt",
      ".ppt", ".pptx", ".xls",  ".xlsx", ".indd", ".md",  ".htm", ".html"};
  for (const auto extension : kExtensions) {
    if (EndsWith(lower, extension)) return true;
  }
  if (lower.find(' ') != std::string::npos) return false;
  const auto dashes = std::count(lower.begin(), lower.end(), '-');
  return lower.find('_') != std::string::npos || lower.find('/') != std::string::npos ||
         lower.find('\\') != std::string::npos || dashes >= 2;
}

namespace {

// A line that is furniture rather than content: page numbers, running headers, URLs, dates.
bool IsTrivialLine(const std::string& line) {
  const std::size_t letters = scan::CountLetters(line);
  const auto spaces = static_cast<std::size_t>(std::count(line.begin(), line.end(), ' '));
  if (letters < 8 && spaces == 0) return true;
  if (letters < 4) return true;
  // Mostly digits or punctuation (tables, codes), or an entry of a table of contents.
  if (letters * 2 < line.size() - spaces) return true;
  if (line.find("....") != std::string::npos ||
      line.find("\xE2\x80\xA6\xE2\x80\xA6") != std::string::npos) {
    return true;
  }
  const std::string lower = scan::ToLowerAscii(line);
  constexpr std::array<std::string_view, 7> kFurniture{"http",  "www.", "pagina ", "page ",
                                                       "blad ", "<",    "{"};
  for (const auto prefix : kFurniture) {
    if (StartsWith(lower, prefix)) return true;
  }
  // A line that is only a date ("22 oktober 2018") is not a title.
  return !FindDutchDate(line).empty() && letters < 16;
}

// A paragraph rather than a heading: two sentences or more ("Dit is de eerste zin. Dit is de
// tweede."), or one sentence of six words or more closed by a full stop. A question, a quote or
// an act's long title (no full stop) stays a candidate.
bool IsRunningText(std::string_view line) {
  for (std::size_t i = 1; i + 2 < line.size(); ++i) {
    const bool sentence_end = line[i] == '.' || line[i] == '?' || line[i] == '!';
    if (sentence_end && line[i + 1] == ' ' &&
        std::isupper(static_cast<unsigned char>(line[i + 2])) != 0 &&
        std::islower(static_cast<unsigned char>(line[i - 1])) != 0) {
      return true;
    }
  }
  const auto words = std::count(line.begin(), line.end(), ' ') + 1;
  return line.size() > 1 && line.back() == '.' && line[line.size() - 2] != '.' && words >= 6;
}

// "... productcodelijstwijzigingen en de": an article, conjunction or preposition at the end of
// a line means the title goes on.
bool EndsWithJoiningWord(std::string_view line) {
  const std::size_t space = line.rfind(' ');
  if (space == std::string_view::npos) return false;
  const std::string last = scan::ToLowerAscii(line.substr(space + 1));
  constexpr std::array<std::string_view, 14> kJoining{
      "de", "het", "een", "en", "van", "voor", "op", "in", "met", "of", "te", "the", "and", "over"};
  return std::find(kJoining.begin(), kJoining.end(), last) != kJoining.end();
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

// What people add to a file's name that is not its title: a leading date stamp ("20250512 ...",
// "2021 10 05 ...") and trailing status or version words ("definitief", "concept", "def",
// "versie 1 2", "v3"). `words` has its separators turned into spaces; at least one word stays.
std::string WithoutFileNameStamps(std::string_view words_in) {
  std::vector<std::string> words;
  std::istringstream in{std::string(words_in)};
  for (std::string word; in >> word;) words.push_back(word);
  auto digits = [](std::string_view w, std::size_t n) {
    return w.size() == n && std::all_of(w.begin(), w.end(), [](char c) {
             return std::isdigit(static_cast<unsigned char>(c)) != 0;
           });
  };
  auto number = [](std::string_view w) {
    return !w.empty() && std::isdigit(static_cast<unsigned char>(w[0])) != 0 &&
           std::all_of(w.begin(), w.end(), [](char c) {
             return std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '.' ||
                    std::islower(static_cast<unsigned char>(c)) != 0;
           });
  };
  std::size_t first = 0;
  if (words.size() > 1 && digits(words[0], 8)) first = 1;  // 20250512
  if (words.size() > 3 && digits(words[0], 4) && digits(words[1], 2) && digits(words[2], 2)) {
    first = 3;  // 2021 10 05
  }
  if (words.size() > 1 && words[0].size() == 10 && words[0][4] == '-' && words[0][7] == '-' &&
      digits(words[0].substr(0, 4), 4) && digits(words[0].substr(5, 2), 2) &&
      digits(words[0].substr(8, 2), 2)) {
    first = 1;  // 2021-10-05 in a name written with spaces
  }
  std::size_t last = words.size();
  while (last > first + 1) {
    const std::string lower = scan::ToLowerAscii(words[last - 1]);
    constexpr std::array<std::string_view, 7> kStatus{"definitief", "def",       "final", "concept",
                                                      "draft",      "defintief", "versie"};
    if (std::find(kStatus.begin(), kStatus.end(), lower) != kStatus.end()) {
      --last;
    } else if (lower.size() > 1 && lower[0] == 'v' && number(lower.substr(1))) {
      --last;  // v3, v2a
    } else if (number(lower) && last >= first + 3) {
      // "versie 1 2", "vs 1.3": a number after a version word.
      std::size_t k = last - 1;
      while (k > first + 1 && number(scan::ToLowerAscii(words[k - 1]))) --k;
      const std::string before = scan::ToLowerAscii(words[k - 1]);
      if (before != "versie" && before != "version" && before != "vs" && before != "v") break;
      last = k - 1;
    } else {
      break;
    }
  }
  std::string out;
  for (std::size_t i = first; i < last; ++i) {
    if (!out.empty()) out.push_back(' ');
    out.append(words[i]);
  }
  return out;
}

// True when a heading only repeats the file name, letter for letter ("#
// Inkoopdocument-Wmo-Toelatingsprocedure" in Inkoopdocument-Wmo-Toelatingsprocedure.md):
// converters write it, no author chose it. "<h4>Mart</h4>" in mart.md is a real heading.
bool EchoesFileName(std::string_view heading, const std::filesystem::path& path) {
  auto normal = [](std::string_view text) {
    std::string out(text);
    std::replace_if(
        out.begin(), out.end(), [](char c) { return c == '_' || c == '-' || c == '+' || c == '.'; },
        ' ');
    return scan::CollapseWhitespace(out);
  };
  const std::string stem = normal(path.stem().string());
  return !stem.empty() && normal(heading) == stem;
}

// A PDF whose first page has no text shows its title in a picture: the first line of the text
// is somewhere in the body, and the file name (which a person gave it) says more.
bool HasPictureCover(const ExtractedDoc& doc) {
  return doc.format == "pdf" && doc.pages.size() > 1 && scan::CountLetters(doc.pages[0]) == 0;
}

struct ChosenTitle {
  std::string title;
  std::string_view source;  // ExtractedDoc::title_source
};

ChosenTitle ChooseTitle(const DeclaredMetadata& declared, const std::filesystem::path& path,
                        const ExtractedDoc& doc) {
  const auto file_name = [&] { return ChosenTitle{TitleFromFileName(path), kTitleFromFileName}; };
  // A PDF's layout first: the cover's largest text beats a /Title that is often the template's
  // or the file's ("SAP inspanningsgericht 3.0.2 RC1", "i-sociaal domein"); a letter's subject
  // beats its first line (the addressee).
  for (const std::string& from_layout :
       {CoverTitle(declared.cover), LetterSubject(declared.cover)}) {
    std::string clean = CleanTitle(from_layout);
    if (IsPlausibleTitle(clean)) return {CitationTitle(clean, doc.pages), "cover"};
  }
  if (std::string clean = CleanTitle(declared.title); IsPlausibleTitle(clean)) {
    return {CitationTitle(clean, doc.pages), "metadata"};
  }
  if (EchoesFileName(declared.heading, path)) return file_name();
  if (std::string clean = CleanTitle(declared.heading); IsPlausibleTitle(clean)) {
    return {CitationTitle(clean, doc.pages), "heading"};
  }
  if (HasPictureCover(doc)) return file_name();
  std::string from_text = TitleFromText(scan::JoinedPrefix(doc.pages, kTitleScanBytes));
  if (!from_text.empty()) return {CitationTitle(from_text, doc.pages), "text"};
  return file_name();
}

// Adds the people of `names` not yet in `authors` (by family name), within the bounds.
void AddAuthors(const std::vector<std::string>& names, std::vector<std::string>& authors) {
  for (const std::string& raw : names) {
    const std::string name = CutAtWord(scan::CollapseWhitespace(raw), kMaxAuthorBytes);
    if (!IsPlausibleAuthor(name) || authors.size() >= kMaxAuthors) continue;
    const bool known = std::any_of(authors.begin(), authors.end(),
                                   [&](const std::string& have) { return SameAuthor(have, name); });
    if (!known) authors.push_back(name);
  }
}

// Front matter names its authors deliberately; elsewhere the people a cover, colophon or
// byline names come first, then the PDF's /Author when the text confirms it.
std::vector<std::string> ChooseAuthors(const DeclaredMetadata& declared, std::string_view text) {
  std::vector<std::string> authors;
  AddAuthors(declared.authors, authors);
  if (!authors.empty()) return authors;
  AddAuthors(CoverAuthors(declared.cover), authors);
  AddAuthors(BylineAuthors(text), authors);
  AddAuthors(ConfirmedAuthors(SplitAuthors(declared.info_author), text), authors);
  return authors;
}

// The issuing organisation, from the strongest evidence to the weakest.
std::string ChooseOrganisation(const DeclaredMetadata& declared, const ExtractedDoc& doc,
                               std::string_view text) {
  if (std::string declared_name = scan::CollapseWhitespace(declared.organisation);
      !declared_name.empty()) {
    return declared_name;
  }
  if (doc.kind == "wet") {
    if (std::string ministry = SigningMinistry(doc.pages); !ministry.empty()) return ministry;
    if (std::string council = EnactingAuthority(text); !council.empty()) return council;
  }
  if (std::string colophon = ColophonOrganisation(declared.cover); !colophon.empty()) {
    return colophon;
  }
  // "Ministerie van Volksgezondheid, Welzijn en Sport" or "Firm Ground" in /Author is who
  // issued the file; only names recognisably an organisation's are taken.
  if (const std::string author = scan::CollapseWhitespace(declared.info_author);
      IsOrganisationName(author)) {
    return author;
  }
  if (std::string publisher = PublisherInText(text); !publisher.empty()) return publisher;
  // A header or footer may drop the commas of the name the body spells in full.
  if (std::string cover = CoverOrganisationLine(declared.cover); !cover.empty()) {
    return SpelledAsInText(cover, text);
  }
  return MostNamedOrganisation(scan::JoinedPrefix(doc.pages, kNamedScanBytes));
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
  return !IsPlaceholderTitle(lower) && !LooksLikeFileName(lower) && !IsBoilerplateLine(collapsed);
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
    // Never a paragraph or an organisation's name ("Centrum voor Beleidsstatistiek" above a
    // report's date).
    if (IsTrivialLine(lines[i]) || IsRunningText(lines[i]) || IsOrganisationName(lines[i]) ||
        IsBoilerplateLine(lines[i])) {
      continue;
    }
    std::string title = lines[i];
    // Cover pages break titles over lines ("De maatschappelijke kosten" / "van
    // schuldenproblematiek"): a short line takes up to two short lines that follow when they
    // start in lower case, i.e. continue the sentence rather than start a heading. A line that
    // ends in "en de" cannot end a title: it takes the next line even after a blank one.
    for (std::size_t k = i + 1; k < lines.size() && k <= i + 3; ++k) {
      const bool dangling = EndsWithJoiningWord(title);
      if (lines[k].empty() && dangling) continue;
      const bool short_title =
          title.size() < kJoinBelowBytes && title.back() != '.' && title.back() != ':';
      if (!short_title || lines[k].empty() || lines[k].size() > kJoinBelowBytes ||
          (!dangling && !std::islower(static_cast<unsigned char>(lines[k].front()))) ||
          IsTrivialLine(lines[k])) {
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
  // A name written with spaces keeps its hyphens ("schulden 2021-2023"); in a slug
  // ("Overeenkomst-Wmo-versie-1 2") they outnumber the spaces.
  const auto spaces = std::count(stem.begin(), stem.end(), ' ');
  const bool spaced = spaces > 0 && spaces >= std::count(stem.begin(), stem.end(), '-');
  std::replace_if(
      stem.begin(), stem.end(),
      [spaced](char c) { return c == '_' || c == '+' || (c == '-' && !spaced); }, ' ');
  std::string title = WithoutFileNameStamps(scan::CollapseWhitespace(stem));
  if (title.empty()) title = path.filename().string();
  if (title.empty()) title = path.string();
  return title.empty() ? std::string("(zonder titel)") : CutAtWord(title, kMaxTitleBytes);
}

void CompleteMetadata(const DeclaredMetadata& declared, const std::filesystem::path& path,
                      ExtractedDoc& doc) {
  ChosenTitle chosen = ChooseTitle(declared, path, doc);
  doc.title = CutAtWord(std::move(chosen.title), kMaxTitleBytes);
  doc.title_source = chosen.source;
  doc.date = ChooseDate(declared, path, doc);
  const std::string credits = scan::JoinedPrefix(doc.pages, kCreditsScanBytes);
  if (doc.authors.empty()) doc.authors = ChooseAuthors(declared, credits);
  doc.language = GuessLanguage(scan::JoinedPrefix(doc.pages, kLanguageScanBytes));
  doc.kind = GuessKind(doc);
  if (doc.organisation.empty()) {
    doc.organisation = WithoutLegalForm(ChooseOrganisation(declared, doc, credits));
  }
  doc.organisation = CutAtWord(std::move(doc.organisation), kMaxOrganisationBytes);
  doc.evidence = std::string(ClassifyEvidence(doc, declared.section));
}

}  // namespace kb::extract
