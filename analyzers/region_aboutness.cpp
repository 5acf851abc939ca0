// RegionTagger::TagDocument: the places a document is about, which is less than every place it
// mentions (region_tagger.h states the rules). Two stages:
//  1. Context: a mention counts only where the text names the place as a place it talks about,
//     not where it names an affiliation or organisation, an address, a reference, the national
//     government, an example or a person; a dateline only supports other mentions (Weigh).
//  2. Decision: a place is kept from where and how often its counting mentions occur (KeepPlace).
#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "gazetteer.h"
#include "kb/analysis/document_parts.h"
#include "kb/analysis/region_tagger.h"
#include "phrase_matcher.h"
#include "region_mentions.h"
#include "word_scanner.h"

namespace kb::analysis {
namespace {

using regions::In;
using regions::kMonths;
using regions::Meaning;
using regions::Mention;
using regions::WordSet;

// ---------------------------------------------------------------------------------------------
// Stage 1: the contexts in which a named place is not what the text is about.

// Organisations named after a place ("Hogeschool Utrecht", "GGD Fryslân", "Veiligheidsregio
// Utrecht", "Haven van Rotterdam", "TU Eindhoven", "Ethische Commissie Enschede"): where authors
// work or which regional body acts, not the topic. Checked on the word before the name, skipping
// "van", "de", "der", "het" and "regio" ("GGD regio Utrecht").
constexpr WordSet kOrganisationsBefore = {
    "hogeschool", "universiteit", "rijksuniversiteit", "umc",
    "ziekenhuis", "academie",     "instituut",         "omroep",
    "rtv",        "rechtbank",    "gerechtshof",       "hof",
    "tu",         "ggd",          "veiligheidsregio",  "arbeidsmarktregio",
    "politie",    "commissie",    "havenbedrijf",      "haven",
    "luchthaven", "university",   "werkplaats"};
// ... and on the word after it ("Tilburg University", "Amsterdam UMC", "de Rotterdamse haven",
// "de Haagse rechter").
constexpr WordSet kOrganisationsAfter = {"university", "universiteit", "umc",
                                         "haven",      "rechter",      "rechtbank",
                                         "hogeschool", "airport",      "ziekenhuis"};
constexpr WordSet kOrganisationSkip = {"van", "de", "der", "het", "regio"};

// Words about the national government: "Den Haag" near one of them is the government, not the
// gemeente ("de coalitie in Den Haag", "Haagse bronnen", "de rechtbank in Den Haag").
constexpr WordSet kNationalGovernment = {
    "kabinet",       "coalitie",         "regering",  "minister",   "ministers",     "ministerie",
    "ministeries",   "staatssecretaris", "kamer",     "kamerleden", "kamerlid",      "rijk",
    "rijksoverheid", "politiek",         "politieke", "parlement",  "partijgenoten", "bronnen",
    "rechter",       "rechtbank",        "premier"};
// How far (in words, either side) a government word makes "Den Haag" the government.
constexpr std::size_t kSeatWindow = 10;

// Words that introduce an example: "grote steden zoals Amsterdam en Rotterdam", "bijvoorbeeld in
// Zwolle", "een stad als Rotterdam". An example is named in passing, not as the topic.
constexpr WordSet kExampleCues = {"zoals", "bijvoorbeeld", "bijv", "bv", "waaronder", "oa"};
// "als" introduces an example only after a word for a kind of place ("een stad als Rotterdam").
constexpr WordSet kPlaceKinds = {"stad",       "steden", "gemeente", "gemeenten", "gemeentes",
                                 "regio",      "regios", "plaats",   "plaatsen",  "provincie",
                                 "provincies", "dorp",   "dorpen",   "wijk",      "wijken"};
// Words that may stand between an example cue and the place: "zoals in de gemeenten Delft en
// Gouda".
constexpr WordSet kExampleFiller = {"in",       "de",        "het",   "een",    "en",
                                    "of",       "te",        "bij",   "andere", "onder",
                                    "gemeente", "gemeenten", "regio", "stad",   "steden"};
// How many words back from a place an example cue may stand.
constexpr std::size_t kExampleReach = 8;

// A line this long (in bytes) is a paragraph, not a reference entry.
constexpr std::size_t kReferenceLineBytes = 400;

// A news dateline ("GOIRLE/DEN HAAG - ") fits in this many bytes.
constexpr std::size_t kNewsDatelineBytes = 60;

// Datelines also abbreviate the months ("Utrecht, 3 okt. 2018").
constexpr WordSet kMonthAbbreviations = {"jan", "feb", "mrt",  "apr", "jun", "jul",
                                         "aug", "sep", "sept", "okt", "nov", "dec"};

// A name particle written with a capital starts a family name ("Van Zutphen wil ...").
constexpr WordSet kNameParticles = {"van", "de", "der", "den", "ter", "ten"};

bool IsMonth(std::string_view word) { return In(kMonths, word) || In(kMonthAbbreviations, word); }

bool IsDigits(std::string_view s, std::size_t min, std::size_t max) {
  return s.size() >= min && s.size() <= max &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "2500EJ": a Dutch postcode written without its space.
bool IsGluedPostcode(std::string_view s) {
  return s.size() == 6 && IsDigits(s.substr(0, 4), 4, 4) &&
         std::isalpha(static_cast<unsigned char>(s[4])) &&
         std::isalpha(static_cast<unsigned char>(s[5]));
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// What a mention says about the topic: nothing; something only when the text names the place
// elsewhere too (a dateline alone is where a text was written, with another mention it is the
// place a news item reports on); or that the text talks about the place.
enum class Weight { kNone, kSupport, kFull };

// Weighs each mention of one document (Weigh).
class MentionContext {
 public:
  MentionContext(std::string_view text, const std::vector<ScannedWord>& words,
                 const std::vector<Mention>& mentions, const Gazetteer& gazetteer)
      : text_(text),
        words_(words),
        mentions_(mentions),
        gazetteer_(gazetteer),
        bibliography_(BibliographyStart(text)) {
    for (const Mention& m : mentions) {
      if (m.family_name) family_names_.insert(m.name);
    }
    for (std::size_t k = text.find('\n'); k != std::string_view::npos; k = text.find('\n', k + 1)) {
      newlines_.push_back(k);
    }
  }

  // What the accepted mention `i` says about the text's topic.
  Weight Weigh(std::size_t i) const {
    const Mention& m = mentions_[i];
    if (IsOrganisation(i) || IsAddress(m) || IsReference(m) || IsNationalGovernment(m) ||
        IsExample(i) || IsFamilyNameElsewhere(m)) {
      return Weight::kNone;
    }
    return IsDateline(m) || IsNewsDateline(m) ? Weight::kSupport : Weight::kFull;
  }

 private:
  std::size_t End(const Mention& m) const { return m.pos + m.length; }

  // The organisation rule (kOrganisationsBefore/After), also for the next names of a list that
  // starts with one: "Hogeschool van Arnhem en Nijmegen".
  bool IsOrganisation(std::size_t i) const {
    const Mention& m = mentions_[i];
    std::size_t k = m.pos;
    for (int skipped = 0; k > 0 && skipped < 3 && In(kOrganisationSkip, words_[k - 1].folded);
         ++skipped) {
      --k;
    }
    if (k > 0 && In(kOrganisationsBefore, words_[k - 1].folded)) return true;
    if (End(m) < words_.size() && words_[End(m)].space_before &&
        In(kOrganisationsAfter, words_[End(m)].folded)) {
      return true;
    }
    if (i == 0 || !mentions_[i - 1].accepted) return false;
    const Mention& before = mentions_[i - 1];
    const bool listed =
        m.pos == End(before) || (m.pos == End(before) + 1 && words_[End(before)].folded == "en");
    return listed && !words_[m.pos].sentence_start && IsOrganisation(i - 1);
  }

  // Where a letter is sent from or to: a postcode before the name ("2500 EJ Den Haag", "2513AH
  // Den Haag").
  bool IsAddress(const Mention& m) const {
    if (m.pos >= 1 && IsGluedPostcode(words_[m.pos - 1].folded)) return true;
    return m.pos >= 2 && words_[m.pos - 1].all_caps && words_[m.pos - 1].folded.size() == 2 &&
           IsDigits(words_[m.pos - 2].folded, 4, 4);
  }

  // Where and when a text was written: "Den Haag, 12 mei 2023", "Utrecht, mei 2023".
  bool IsDateline(const Mention& m) const {
    const std::size_t next = End(m);
    if (next + 1 >= words_.size()) return false;
    if (IsDigits(words_[next].folded, 1, 2)) return IsMonth(words_[next + 1].folded);
    return IsMonth(words_[next].folded) && IsDigits(words_[next + 1].folded, 4, 4);
  }

  // A news item's dateline, the place it was filed from: "NIJMEGEN - Mantelzorgorganisatie ...",
  // "GOIRLE/DEN HAAG - Wie van jullie ...": capitals from the start of the line to a dash.
  bool IsNewsDateline(const Mention& m) const {
    const auto line = static_cast<std::size_t>(LineOf(words_[m.pos].begin).data() - text_.data());
    const std::string_view head = text_.substr(line, kNewsDatelineBytes);
    const std::size_t end = std::min(head.find(" - "), head.find(" \u2013 "));
    if (end == std::string_view::npos || line + end < words_[End(m) - 1].end) return false;
    return std::none_of(head.begin(), head.begin() + static_cast<std::ptrdiff_t>(end), [](char c) {
      const auto u = static_cast<unsigned char>(c);
      return u == '\n' || (u < 0x80 && std::islower(u));
    });
  }

  // A reference or bibliography entry: publications are often published in Utrecht or Den Haag,
  // which says nothing about the topic. A mention counts as one when it stands in
  //  - a bibliography (after a heading "Literatuur", "Bronnen", ... in the text's second half);
  //  - a line that cites: a year in brackets "(2019)", "(z.d.)", "et al.", a URL, or a link list
  //    entry ending in "Link" (not in a long paragraph, where a citation is one clause);
  //  - a publisher's place: "Utrecht: Nibud" in a line with a year.
  bool IsReference(const Mention& m) const {
    const std::size_t begin = words_[m.pos].begin;
    if (begin >= bibliography_) return true;
    const std::string_view line = LineOf(begin);
    if (line.size() <= kReferenceLineBytes && Cites(line)) return true;
    const std::size_t after = words_[End(m) - 1].end;
    if (after < text_.size() && text_[after] == ':' && End(m) < words_.size() &&
        words_[End(m)].capitalised && HasYear(line)) {
      return true;
    }
    return false;
  }

  // The seat of government named for the government ("de coalitie in Den Haag", "Haagse
  // bronnen"), unless written as the gemeente ("de gemeente Den Haag").
  bool IsNationalGovernment(const Mention& m) const {
    if (m.meaning != Meaning::kGemeente) return false;
    const GazetteerName& name = gazetteer_.names()[m.name];
    if (!gazetteer_.gemeenten()[*name.gemeente].seat_of_government) return false;
    if (m.pos > 0 &&
        (words_[m.pos - 1].folded == "gemeente" || words_[m.pos - 1].folded == "stad")) {
      return false;
    }
    const std::size_t from = m.pos > kSeatWindow ? m.pos - kSeatWindow : 0;
    const std::size_t to = std::min(words_.size(), End(m) + kSeatWindow);
    for (std::size_t k = from; k < to; ++k) {
      if (k >= m.pos && k < End(m)) continue;
      if (In(kNationalGovernment, words_[k].folded)) return true;
    }
    return false;
  }

  // A place named as an example (kExampleCues), or listed after one: "zoals Amsterdam, Rotterdam
  // en Utrecht".
  bool IsExample(std::size_t i) const {
    const Mention& m = mentions_[i];
    std::size_t k = m.pos;
    std::size_t j = i;  // mentions before k
    for (std::size_t steps = 0; k > 0 && steps < kExampleReach; ++steps) {
      if (words_[k].sentence_start) return false;
      const ScannedWord& prev = words_[k - 1];
      if (In(kExampleCues, prev.folded)) return true;
      if (prev.folded == "als" && k >= 2 && In(kPlaceKinds, words_[k - 2].folded)) return true;
      if (j > 0 && End(mentions_[j - 1]) == k) {  // another place of the list
        --j;
        k = mentions_[j].pos;
        continue;
      }
      if (!In(kExampleFiller, prev.folded)) return false;
      --k;
    }
    return false;
  }

  // A name the text also uses as a person's family name ("Reinier van Zutphen"), here with a
  // capitalised particle: "Van Zutphen wil binnen twee weken antwoord".
  bool IsFamilyNameElsewhere(const Mention& m) const {
    if (!family_names_.contains(m.name) || m.pos == 0) return false;
    const ScannedWord& prev = words_[m.pos - 1];
    return prev.capitalised && In(kNameParticles, prev.folded);
  }

  // The line of the text (without its newline) that holds byte `offset`.
  std::string_view LineOf(std::size_t offset) const {
    const auto next = std::lower_bound(newlines_.begin(), newlines_.end(), offset);
    const std::size_t begin = next == newlines_.begin() ? 0 : *(next - 1) + 1;
    const std::size_t end = next == newlines_.end() ? text_.size() : *next;
    return text_.substr(begin, end - begin);
  }

  static bool HasYear(std::string_view line) {
    for (std::size_t k = 0; k + 4 <= line.size(); ++k) {
      if ((line[k] == '1' && line[k + 1] == '9') || (line[k] == '2' && line[k + 1] == '0')) {
        const bool digits = IsDigits(line.substr(k, 4), 4, 4);
        const bool alone =
            (k == 0 || !std::isdigit(static_cast<unsigned char>(line[k - 1]))) &&
            (k + 4 == line.size() || !std::isdigit(static_cast<unsigned char>(line[k + 4])));
        if (digits && alone) return true;
      }
    }
    return false;
  }

  static bool Cites(std::string_view line) {
    const std::string lower = AsciiLower(line);
    if (lower.find("http") != std::string::npos || lower.find("www.") != std::string::npos ||
        lower.find("et al") != std::string::npos || lower.find("(z.d.)") != std::string::npos ||
        lower.find("(n.d.)") != std::string::npos) {
      return true;
    }
    std::string_view trimmed = lower;
    while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.back()))) {
      trimmed.remove_suffix(1);
    }
    if (trimmed.ends_with(" - link")) return true;
    for (std::size_t k = lower.find('('); k != std::string::npos; k = lower.find('(', k + 1)) {
      if (k + 5 < lower.size() && IsDigits(std::string_view(lower).substr(k + 1, 4), 4, 4) &&
          (lower[k + 5] == ')' || std::isalpha(static_cast<unsigned char>(lower[k + 5])))) {
        return true;  // "(2019)", "(2019a)"
      }
    }
    return false;
  }

  std::string_view text_;
  const std::vector<ScannedWord>& words_;
  const std::vector<Mention>& mentions_;
  const Gazetteer& gazetteer_;
  std::size_t bibliography_;
  std::set<std::uint32_t> family_names_;  // names used as a person's family name in this text
  std::vector<std::size_t> newlines_;     // offsets of the text's newlines, ascending
};

// ---------------------------------------------------------------------------------------------
// Stage 2: the decision per place.

// The country: a text that keeps naming the Netherlands ("in Nederland", "landelijk") is about
// the country, and a city it names a few times is an example. Its mentions compete with the
// places' in kAboutShare.
constexpr WordSet kCountry = {"nederland",  "nederlandse", "nederlanders", "landelijk",
                              "landelijke", "nationaal",   "nationale"};

// National politics (OnNationalPolitics): a text using these words this often.
constexpr WordSet kNationalPolitics = {"kabinet",   "coalitie",   "regering",    "minister",
                                       "ministers", "ministerie", "ministeries", "staatssecretaris",
                                       "kamer",     "kamerleden", "kamerlid",    "rijksoverheid",
                                       "parlement", "premier"};
constexpr std::size_t kNationalPoliticsWords = 2;

// What the counting mentions of one place say.
struct PlaceEvidence {
  int mentions = 0;
  bool early = false;  // named in the text's opening (its first fifth, or first 300 words)
  bool lead = false;   // named in the lead (its first kLeadWords words)
};

struct DocumentEvidence {
  std::map<std::uint32_t, PlaceEvidence> gemeenten;
  std::map<std::uint32_t, PlaceEvidence> provincies;  // named as such, not through a gemeente
  int country_mentions = 0;
  int gemeente_mentions = 0;
  int provincie_mentions = 0;
};

// The provincie a name means as a provincie: its own, or a shared name's gemeente's.
std::uint32_t ProvincieOf(const GazetteerName& name, const Gazetteer& gazetteer) {
  return name.provincie ? *name.provincie : gazetteer.gemeenten()[*name.gemeente].provincie;
}

int CountryMentions(const std::vector<ScannedWord>& words) {
  int count = 0;
  for (const ScannedWord& w : words) {
    if (In(kCountry, w.folded) && (w.capitalised || !w.folded.starts_with("nederland"))) ++count;
  }
  return count;
}

DocumentEvidence GatherEvidence(std::string_view text, const std::vector<ScannedWord>& words,
                                const PhraseMatcher& matcher, const Gazetteer& gazetteer) {
  const std::vector<Mention> judged = regions::JudgedMentions(words, matcher, gazetteer);
  const MentionContext context(text, words, judged, gazetteer);
  const std::size_t opening = std::max<std::size_t>(300, words.size() / 5);
  DocumentEvidence evidence;
  // Supporting mentions (datelines) join a place's evidence only when it has full mentions.
  std::map<std::uint32_t, PlaceEvidence> gemeente_support;
  std::map<std::uint32_t, PlaceEvidence> provincie_support;
  for (std::size_t i = 0; i < judged.size(); ++i) {
    const Mention& m = judged[i];
    if (!m.accepted || m.meaning == Meaning::kNone) continue;
    const Weight weight = context.Weigh(i);
    if (weight == Weight::kNone) continue;
    const bool full = weight == Weight::kFull;
    const GazetteerName& name = gazetteer.names()[m.name];
    const bool gemeente = m.meaning == Meaning::kGemeente;
    std::map<std::uint32_t, PlaceEvidence>& places =
        gemeente ? (full ? evidence.gemeenten : gemeente_support)
                 : (full ? evidence.provincies : provincie_support);
    PlaceEvidence& place = places[gemeente ? *name.gemeente : ProvincieOf(name, gazetteer)];
    ++place.mentions;
    place.early = place.early || m.pos < opening;
    place.lead = place.lead || m.pos < kLeadWords;
  }
  auto add_support = [](std::map<std::uint32_t, PlaceEvidence>& places,
                        const std::map<std::uint32_t, PlaceEvidence>& support) {
    for (const auto& [index, extra] : support) {
      auto it = places.find(index);
      if (it == places.end()) continue;
      it->second.mentions += extra.mentions;
      it->second.early = it->second.early || extra.early;
      it->second.lead = it->second.lead || extra.lead;
    }
  };
  add_support(evidence.gemeenten, gemeente_support);
  add_support(evidence.provincies, provincie_support);
  for (const auto& [index, place] : evidence.gemeenten) {
    evidence.gemeente_mentions += place.mentions;
  }
  for (const auto& [index, place] : evidence.provincies) {
    evidence.provincie_mentions += place.mentions;
  }
  evidence.country_mentions = CountryMentions(words);
  return evidence;
}

// What KeepPlace weighs a place against: the other places of its kind (gemeenten, or
// provincies named as such) in the same text.
struct Competition {
  std::size_t places = 0;       // places of its kind the text names
  std::size_t lead_places = 0;  // of which in the lead
  int total = 0;                // their mentions plus the country's (kAboutShare's base)
  int most = 0;                 // the mentions of the most mentioned one
  std::size_t words = 0;        // words in the text
  bool use_lead = true;         // false in a national text or one on national politics
};

// Whether a place of the text (not of the title) is what the text is about:
//  - named in the lead, when the lead names only a few places (a news item "in Nijmegen, Berg en
//    Dal, Heumen, Wijchen en Beuningen") and no other place has kLeadDominance times its
//    mentions (then the text is about that one, and the lead compares);
//  - a fair share (kAboutShare) of the text's mentions of places and of the country, and
//     - the only place of its kind the text names, at least twice and at least once per
//       kSoleDensityWords words (a page about one gemeente, not a long report that names its
//       test site twice);
//     - or named at least kManyMentions times, or twice with one in the opening: one named only
//       further on, once or twice, is an example.
bool KeepPlace(const PlaceEvidence& place, const Competition& competition) {
  if (place.lead && competition.use_lead && competition.lead_places <= kMaxLeadPlaces &&
      competition.most < kLeadDominance * place.mentions) {
    return true;
  }
  if (place.mentions < kAboutShare * competition.total) return false;
  const auto mentions = static_cast<std::size_t>(place.mentions);
  if (competition.places == 1 && mentions >= 2 &&
      mentions * kSoleDensityWords >= competition.words) {
    return true;
  }
  return place.mentions >= kManyMentions || (place.mentions >= 2 && place.early);
}

std::size_t LeadPlaces(const std::map<std::uint32_t, PlaceEvidence>& places) {
  return static_cast<std::size_t>(std::count_if(
      places.begin(), places.end(), [](const auto& entry) { return entry.second.lead; }));
}

int MostMentions(const std::map<std::uint32_t, PlaceEvidence>& places) {
  int most = 0;
  for (const auto& [index, place] : places) most = std::max(most, place.mentions);
  return most;
}

// News on national politics names a place in its lead in passing ("a delegation spoke with
// members of parliament in Ede"): there a place named once in the lead is no topic.
bool OnNationalPolitics(const std::vector<ScannedWord>& words) {
  const auto count = std::count_if(words.begin(), words.end(), [](const ScannedWord& w) {
    return In(kNationalPolitics, w.folded);
  });
  return static_cast<std::size_t>(count) >= kNationalPoliticsWords;
}

}  // namespace

RegionResult RegionTagger::TagDocument(std::string_view title, std::string_view text) const {
  if (!matcher_) return {};
  std::map<std::uint32_t, int> gemeenten;
  std::map<std::uint32_t, int> provincies;
  // Every place the title names (a provincie only when named as such).
  const std::vector<ScannedWord> title_words = ScanWords(title);
  for (const Mention& m : regions::AcceptedMentions(title_words, *matcher_, *gazetteer_)) {
    const GazetteerName& name = gazetteer_->names()[m.name];
    if (m.meaning == Meaning::kGemeente) {
      ++gemeenten[*name.gemeente];
    } else if (m.meaning == Meaning::kProvincie) {
      ++provincies[ProvincieOf(name, *gazetteer_)];
    }
  }

  const std::vector<ScannedWord> words = ScanWords(text);
  const DocumentEvidence evidence = GatherEvidence(text, words, *matcher_, *gazetteer_);
  // A text that names many provincies is about the country: no provincie of its text is kept,
  // and a gemeente only with a fair share of all its place mentions (its lead says nothing).
  const bool national = evidence.provincies.size() >= kNationalProvincies;
  const bool politics = OnNationalPolitics(words);
  Competition competition;
  competition.places = evidence.gemeenten.size();
  competition.lead_places = LeadPlaces(evidence.gemeenten);
  competition.total = evidence.gemeente_mentions + evidence.country_mentions +
                      (national ? evidence.provincie_mentions : 0);
  competition.words = words.size();
  competition.most = MostMentions(evidence.gemeenten);
  for (const auto& [index, place] : evidence.gemeenten) {
    competition.use_lead = !national && (!politics || place.mentions >= 2);
    if (KeepPlace(place, competition)) gemeenten[index] += place.mentions;
  }
  if (!national) {
    competition.places = evidence.provincies.size();
    competition.lead_places = LeadPlaces(evidence.provincies);
    competition.total = evidence.provincie_mentions + evidence.country_mentions;
    competition.most = MostMentions(evidence.provincies);
    for (const auto& [index, place] : evidence.provincies) {
      competition.use_lead = !politics || place.mentions >= 2;
      if (KeepPlace(place, competition)) provincies[index] += place.mentions;
    }
  }
  // The provincies of the gemeenten kept.
  for (const auto& [index, count] : gemeenten) {
    provincies[gazetteer_->gemeenten()[index].provincie] += count;
  }
  return ToResult(gemeenten, provincies);
}

}  // namespace kb::analysis
