// Author names as citations need them: split into persons, each with family name, Dutch
// particle ("van", "de", "van der", ...) and given names, or kept whole as an organisation.
//
// The metadata of a report holds authors as whatever the file said: "Simone Pieterse en Yvonne
// Versluis" (two persons in one field), "Vroonhof, Paul" (family first), "Hayo Maarsingh"
// (natural order), "P. de Vries", "Prof. dr. J.W. Duyvendak", "Movisie". The rules:
//  1. A field is split into persons at ";", " en ", " & ", " and ", " | " and " / ". Commas are
//     read as "Family, Given" when the part after the comma looks like given names (words that
//     start with a capital, or initials, optionally followed by particles: "Berg, Jan van der");
//     as "Family, I., Family, I." pairs when every second part is initials; and otherwise as a
//     list of natural-order names ("Jan Jansen, Piet Pieters").
//  2. Titles and degrees (prof., dr., drs., mr., ir., ing., MSc, PhD, ...) are dropped.
//  3. A field with a word of an organisation ("gemeente", "stichting", "instituut", ...), a single
//     word, an acronym or digits is an organisation: one name, kept literally.
//  4. In natural order the family name is the last word with the lower-case particles before it
//     ("Jan van der Berg" -> particle "van der", family "Berg", given "Jan"); a double name joined
//     by a hyphen keeps its parts ("Anna Jansen-de Vries" -> family "Jansen-de Vries").
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kb::http {

struct PersonName {
  std::string family;    // "Berg"; the whole name of an organisation when `literal`
  std::string particle;  // "van der"; empty when none
  std::string given;     // "Jan Willem" or "J.W."; empty when unknown
  bool literal = false;  // an organisation or a one-word name: cite as written

  // "van der Berg" (particle and family).
  std::string FullFamily() const;
  // "van der Berg, Jan" (RIS AU as Zotero reads it, BibTeX, citation_author); "Movisie".
  std::string Inverted() const;
  // APA: "van der Berg, J. W."; "Movisie".
  std::string Apa() const;
};

// Every person (or organisation) named in the author fields, in order, without repeats.
std::vector<PersonName> ParseAuthors(const std::vector<std::string>& fields);

// "Jan Willem" -> "J. W.", "Anne-Marie" -> "A.-M.", "P.J.M." -> "P. J. M.".
std::string Initials(std::string_view given);

}  // namespace kb::http
