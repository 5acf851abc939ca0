#include "kb/analysis/region_tagger.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>

#include "gazetteer.h"
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

// Words that do not carry a name's capital ("de Bilt", "'s-Gravenhage", "Land van Cuijk").
constexpr WordSet kFunctionWords = {"de",  "den", "het", "s",   "van", "aan", "op", "en",
                                    "der", "a",   "d",   "bij", "te",  "ter", "la", "l"};
// Before a hyphen: a part of a region ("Oost-Groningen", "Noord-Limburg").
constexpr WordSet kCompass = {"noord",    "oost",      "zuid",      "west",      "midden",
                              "zuidoost", "noordoost", "zuidwest",  "noordwest", "centraal",
                              "groot",    "oostelijk", "westelijk", "zuidelijk", "noordelijk"};
// After a hyphen: a district of a gemeente ("Amsterdam-Noord", "Groningen-Stad").
constexpr WordSet kDistricts = {"noord", "oost",       "zuid",      "west",     "centrum",
                                "stad",  "zuidoost",   "noordoost", "zuidwest", "noordwest",
                                "nieuw", "binnenstad", "dorp",      "zuidwest"};
constexpr WordSet kForeign = {"belgisch", "belgische", "vlaams", "vlaamse",
                              "duits",    "duitse",    "nieuw"};
// Before a name: the name is used as a place.
constexpr WordSet kCues = {"gemeente", "gemeenten", "gemeentes", "in",        "te",
                           "uit",      "naar",      "bij",       "rond",      "rondom",
                           "regio",    "stad",      "dorp",      "plaats",    "woonplaats",
                           "binnen",   "buiten",    "omgeving",  "nabij",     "tussen",
                           "vanuit",   "richting",  "van",       "provincie", "gemeentebestuur",
                           "inwoners", "dorpen",    "steden"};
// Between a first name and a family name ("Jan van der Putten").
constexpr WordSet kNameParticles = {"van", "de", "der", "den", "ter", "ten", "le", "la", "du"};
// Words that open a sentence and are never a first name: "Maar de Waalwijkse schrijver" is no
// person "Maar de Waalwijkse".
constexpr std::array<std::string_view, 40> kSentenceOpeners = {
    "maar",    "en",      "want",   "dus",     "ook",    "toen",      "nu",     "zo",
    "daar",    "hier",    "wel",    "niet",    "als",    "dat",       "die",    "wat",
    "volgens", "tijdens", "sinds",  "terwijl", "omdat",  "hoewel",    "nadat",  "zodat",
    "ondanks", "zelfs",   "alleen", "vooral",  "echter", "bovendien", "daarom", "inmiddels",
    "toch",    "nog",     "ja",     "nee",     "waar",   "hoe",       "welke",  "deze"};
// Capitalised words before "van" that start an institution's name, not a person's.
constexpr WordSet kInstitutions = {"universiteit", "hogeschool", "rijksuniversiteit", "ziekenhuis",
                                   "haven",        "rechtbank",  "gerechtshof",       "omroep",
                                   "stichting",    "museum",     "centrum",           "kamer",
                                   "vrije",        "academie",   "stadsdeel",         "wijk"};
constexpr WordSet kProvincieCues = {"provincie", "provincies", "provinciale"};
constexpr WordSet kListWords = {"en", "of", "tot", "naar"};

class MentionRules {
 public:
  MentionRules(const std::vector<ScannedWord>& words, const Gazetteer& gazetteer)
      : words_(words), gazetteer_(gazetteer) {}

  // Rules 1-4 for one candidate, without looking at other candidates.
  void Judge(Mention& m) const {
    const GazetteerName& name = gazetteer_.names()[m.name];
    if (!CapitalOk(m)) return;
    if (!HyphensOk(m)) return;
    const ScannedWord* prev = Previous(m);
    if (prev != nullptr && In(kForeign, prev->folded)) return;
    if (IsFamilyName(m)) {
      m.family_name = true;
      return;
    }
    if (IsSigningPlace(m) || IsSeatOfGovernment(m)) return;
    if (!name.is_word || m.compass_prefix || HasCue(m)) {
      m.accepted = true;
    } else if (!words_[m.pos].sentence_start && !InCapitalRun(m)) {
      m.accepted = true;
    } else {
      m.pending = !InCapitalRun(m);
    }
  }

  // Rule 4's list clause: pending word names next to an accepted place are accepted.
  void AcceptListed(std::vector<Mention>& mentions) const {
    bool changed = true;
    while (changed) {
      changed = false;
      for (std::size_t i = 0; i < mentions.size(); ++i) {
        if (!mentions[i].pending) continue;
        const bool left =
            i > 0 && mentions[i - 1].accepted && Adjacent(mentions[i - 1], mentions[i]);
        const bool right = i + 1 < mentions.size() && mentions[i + 1].accepted &&
                           Adjacent(mentions[i], mentions[i + 1]);
        if (left || right) {
          mentions[i].accepted = true;
          mentions[i].pending = false;
          changed = true;
        }
      }
    }
  }

  // Rule 5: what an accepted mention means.
  void Decide(std::vector<Mention>& mentions) const {
    for (Mention& m : mentions) {
      if (!m.accepted) continue;
      const GazetteerName& name = gazetteer_.names()[m.name];
      m.meaning = name.gemeente ? Meaning::kGemeente : Meaning::kProvincie;
    }
    for (std::size_t i = 0; i < mentions.size(); ++i) {
      Mention& m = mentions[i];
      const GazetteerName& name = gazetteer_.names()[m.name];
      if (!m.accepted || !name.gemeente || !name.provincie) continue;
      auto is_provincie = [&](std::size_t j) {
        const GazetteerName& other = gazetteer_.names()[mentions[j].name];
        return mentions[j].accepted && !other.gemeente;
      };
      const bool listed =
          (i > 0 && is_provincie(i - 1) && Adjacent(mentions[i - 1], m)) ||
          (i + 1 < mentions.size() && is_provincie(i + 1) && Adjacent(m, mentions[i + 1]));
      if (m.compass_prefix || HasProvincieCue(m) || listed) m.meaning = Meaning::kProvincie;
    }
  }

 private:
  const ScannedWord* Previous(const Mention& m) const {
    return m.pos > 0 ? &words_[m.pos - 1] : nullptr;
  }
  const ScannedWord* Next(const Mention& m) const {
    return m.pos + m.length < words_.size() ? &words_[m.pos + m.length] : nullptr;
  }

  bool CapitalOk(const Mention& m) const {
    for (std::size_t k = m.pos; k < m.pos + m.length; ++k) {
      if (!In(kFunctionWords, words_[k].folded)) return words_[k].capitalised;
    }
    return words_[m.pos].capitalised;
  }

  bool HyphensOk(Mention& m) const {
    if (words_[m.pos].hyphen_before) {
      const ScannedWord* prev = Previous(m);
      if (In(kCompass, prev->folded)) {
        m.compass_prefix = true;
      } else if (!IsAcronym(*prev)) {
        return false;
      }
    }
    const ScannedWord* next = Next(m);
    return next == nullptr || !next->hyphen_before || In(kDistricts, next->folded);
  }

  // "GGD-Fryslân", "RTV-Utrecht": an organisation named after the region.
  static bool IsAcronym(const ScannedWord& word) {
    return word.all_caps && word.folded.size() >= 2 && word.folded.size() <= 5;
  }

  // "Martyn van Beek", "Yolande de Best": a family name, not a place.
  bool IsFamilyName(const Mention& m) const {
    std::size_t k = m.pos;
    while (k > 0 && !words_[k].sentence_start && In(kNameParticles, words_[k - 1].folded) &&
           !words_[k - 1].capitalised) {
      --k;
    }
    if (k == m.pos || k == 0 || words_[k].sentence_start) return false;
    const ScannedWord& first_name = words_[k - 1];
    return first_name.capitalised && !In(kCues, first_name.folded) &&
           !In(kInstitutions, first_name.folded) &&
           !(first_name.sentence_start && In(kSentenceOpeners, first_name.folded));
  }

  // "Gegeven te 's-Gravenhage 11 september 1997": where a law was signed, not what it is about.
  bool IsSigningPlace(const Mention& m) const {
    const std::size_t next = m.pos + m.length;
    if (next + 1 >= words_.size() || !words_[next].space_before) return false;
    const std::string& day = words_[next].folded;
    if (day.empty() || day.size() > 2 || !std::isdigit(static_cast<unsigned char>(day[0]))) {
      return false;
    }
    return In(kMonths, words_[next + 1].folded);
  }

  // "politiek Den Haag": the national government, not the gemeente.
  bool IsSeatOfGovernment(const Mention& m) const {
    return m.pos > 0 && words_[m.pos - 1].folded == "politiek" && words_[m.pos].space_before;
  }

  // A cue counts when written in lower case, or capitalised only because it starts the sentence
  // ("In Best", "Gemeente Sluis"), so "Martin Van Buren" gives no cue.
  bool HasCue(const Mention& m) const {
    const ScannedWord* prev = Previous(m);
    if (prev == nullptr || words_[m.pos].sentence_start || words_[m.pos].hyphen_before) {
      return false;
    }
    return In(kCues, prev->folded) && (!prev->capitalised || prev->sentence_start);
  }

  bool HasProvincieCue(const Mention& m) const {
    if (m.pos == 0 || words_[m.pos].sentence_start) return false;
    const ScannedWord& prev = words_[m.pos - 1];
    if (In(kProvincieCues, prev.folded)) return true;
    if (prev.folded != "van" || m.pos < 2 || prev.sentence_start) return false;
    const std::string& before = words_[m.pos - 2].folded;
    return before == "staten" || before == "provincie" || before == "commissaris";
  }

  // Inside a title or a person's name: a capitalised word right before or after, spaces only.
  bool InCapitalRun(const Mention& m) const {
    const ScannedWord* prev = Previous(m);
    const ScannedWord* next = Next(m);
    const bool before =
        prev != nullptr && words_[m.pos].space_before && prev->capitalised && !prev->sentence_start;
    const bool after = next != nullptr && next->space_before && next->capitalised;
    return before || after;
  }

  // Two mentions in one list: nothing between them but punctuation or one list word.
  bool Adjacent(const Mention& a, const Mention& b) const {
    const std::size_t end = a.pos + a.length;
    if (b.pos < end || words_[b.pos].sentence_start) return false;
    if (b.pos == end) return true;
    return b.pos == end + 1 && In(kListWords, words_[end].folded) && !words_[end].sentence_start;
  }

  const std::vector<ScannedWord>& words_;
  const Gazetteer& gazetteer_;
};

}  // namespace

Result<RegionTagger> RegionTagger::Load(const std::filesystem::path& gazetteer) {
  Result<Gazetteer> loaded = Gazetteer::Load(gazetteer);
  if (!loaded.ok()) return loaded.status();
  auto data = std::make_shared<Gazetteer>(std::move(loaded).value());
  auto matcher = std::make_shared<PhraseMatcher>();
  for (std::size_t i = 0; i < data->names().size(); ++i) {
    matcher->Add(data->names()[i].words, static_cast<std::uint32_t>(i));
  }
  RegionTagger tagger;
  for (const GazetteerGemeente& g : data->gemeenten()) {
    tagger.gemeenten_.push_back(Gemeente{g.code, g.name, data->provincies()[g.provincie].name});
  }
  tagger.gazetteer_ = std::move(data);
  tagger.matcher_ = std::move(matcher);
  return tagger;
}

namespace regions {

std::vector<Mention> CandidateMentions(const std::vector<ScannedWord>& words,
                                       const PhraseMatcher& matcher) {
  std::vector<Mention> mentions;
  for (std::size_t pos = 0; pos < words.size();) {
    Mention best;
    matcher.MatchAt(words, pos, [&](std::uint32_t id, std::size_t length) {
      if (length > best.length) {
        best.length = length;
        best.name = id;
      }
    });
    if (best.length == 0) {
      ++pos;
      continue;
    }
    best.pos = pos;
    mentions.push_back(best);
    pos += best.length;
  }
  return mentions;
}

std::vector<Mention> JudgedMentions(const std::vector<ScannedWord>& words,
                                    const PhraseMatcher& matcher, const Gazetteer& gazetteer) {
  std::vector<Mention> mentions = CandidateMentions(words, matcher);
  const MentionRules rules(words, gazetteer);
  for (Mention& m : mentions) rules.Judge(m);
  rules.AcceptListed(mentions);
  rules.Decide(mentions);
  return mentions;
}

std::vector<Mention> AcceptedMentions(const std::vector<ScannedWord>& words,
                                      const PhraseMatcher& matcher, const Gazetteer& gazetteer) {
  std::vector<Mention> mentions = JudgedMentions(words, matcher, gazetteer);
  std::erase_if(mentions, [](const Mention& m) { return !m.accepted; });
  return mentions;
}

}  // namespace regions

namespace {

// Mentions per gemeente and per provincie; a gemeente's mention counts for its provincie too.
struct MentionCounts {
  std::map<std::uint32_t, int> gemeenten;
  std::map<std::uint32_t, int> provincies;
};

MentionCounts Count(const std::vector<Mention>& mentions, const Gazetteer& gazetteer) {
  MentionCounts counts;
  for (const Mention& m : mentions) {
    const GazetteerName& name = gazetteer.names()[m.name];
    if (m.meaning == Meaning::kGemeente) {
      ++counts.gemeenten[*name.gemeente];
      ++counts.provincies[gazetteer.gemeenten()[*name.gemeente].provincie];
    } else if (m.meaning == Meaning::kProvincie) {
      ++counts.provincies[name.provincie ? *name.provincie
                                         : gazetteer.gemeenten()[*name.gemeente].provincie];
    }
  }
  return counts;
}

}  // namespace

RegionResult RegionTagger::ToResult(const std::map<std::uint32_t, int>& gemeente_mentions,
                                    const std::map<std::uint32_t, int>& provincie_mentions) const {
  RegionResult result;
  for (const auto& [index, count] : gemeente_mentions) {
    const GazetteerGemeente& g = gazetteer_->gemeenten()[index];
    result.gemeenten.push_back(
        GemeenteTag{g.code, g.name, gazetteer_->provincies()[g.provincie].name, count});
  }
  std::sort(result.gemeenten.begin(), result.gemeenten.end(),
            [](const GemeenteTag& a, const GemeenteTag& b) {
              return a.mentions != b.mentions ? a.mentions > b.mentions : a.name < b.name;
            });
  std::vector<std::pair<int, std::string>> provincies;
  for (const auto& [index, count] : provincie_mentions) {
    provincies.emplace_back(-count, gazetteer_->provincies()[index].name);
  }
  std::sort(provincies.begin(), provincies.end());
  for (auto& [count, name] : provincies) result.provincies.push_back(std::move(name));
  return result;
}

RegionResult RegionTagger::Tag(std::string_view text) const {
  if (!matcher_) return {};
  const std::vector<ScannedWord> words = ScanWords(text);
  const MentionCounts counts =
      Count(regions::AcceptedMentions(words, *matcher_, *gazetteer_), *gazetteer_);
  return ToResult(counts.gemeenten, counts.provincies);
}

std::vector<QueryPlace> RegionTagger::TagQuery(std::string_view query) const {
  std::vector<QueryPlace> places;
  if (!matcher_) return places;
  const std::vector<ScannedWord> words = ScanWords(query);
  for (const Mention& m : regions::CandidateMentions(words, *matcher_)) {
    const GazetteerName& name = gazetteer_->names()[m.name];
    const ScannedWord& first = words[m.pos];
    const ScannedWord* prev = m.pos > 0 ? &words[m.pos - 1] : nullptr;
    const ScannedWord* next = m.pos + m.length < words.size() ? &words[m.pos + m.length] : nullptr;
    if (first.hyphen_before && (prev == nullptr || !In(kCompass, prev->folded))) continue;
    if (next != nullptr && next->hyphen_before && !In(kDistricts, next->folded)) continue;
    const bool cue = prev != nullptr && !first.hyphen_before && In(kCues, prev->folded);
    if (name.is_word) {
      const bool capital_run = (prev != nullptr && prev->capitalised && first.space_before) ||
                               (next != nullptr && next->capitalised && next->space_before);
      if (!cue && !(first.capitalised && !capital_run)) continue;
    }
    const bool provincie_cue = prev != nullptr && In(kProvincieCues, prev->folded);
    QueryPlace place;
    place.begin = (cue || provincie_cue) ? prev->begin : first.begin;
    place.name_begin = first.begin;
    place.end = words[m.pos + m.length - 1].end;
    if (name.gemeente && !(name.provincie && provincie_cue)) {
      const GazetteerGemeente& g = gazetteer_->gemeenten()[*name.gemeente];
      place.gemeente_code = g.code;
      place.gemeente = g.name;
      place.provincie = gazetteer_->provincies()[g.provincie].name;
    } else {
      place.provincie =
          gazetteer_
              ->provincies()[name.provincie ? *name.provincie
                                            : gazetteer_->gemeenten()[*name.gemeente].provincie]
              .name;
    }
    places.push_back(std::move(place));
  }
  return places;
}

std::vector<std::string> RegionTagger::provincies() const {
  std::vector<std::string> names;
  if (!gazetteer_) return names;
  for (const GazetteerProvincie& p : gazetteer_->provincies()) names.push_back(p.name);
  return names;
}

}  // namespace kb::analysis

namespace kb::analysis {

std::vector<PlaceName> RegionTagger::names() const {
  std::vector<PlaceName> out;
  if (!gazetteer_) return out;
  for (const GazetteerName& n : gazetteer_->names()) {
    PlaceName place;
    for (const std::string& word : n.words) place.name += (place.name.empty() ? "" : " ") + word;
    if (n.gemeente) place.gemeente_code = gazetteer_->gemeenten()[*n.gemeente].code;
    if (n.provincie) place.provincie = gazetteer_->provincies()[*n.provincie].name;
    out.push_back(std::move(place));
  }
  return out;
}

}  // namespace kb::analysis
