// The privacy guard: citizens' identifying numbers are masked in extracted text before anything
// is stored or indexed, so they never become terms, snippets or page texts.
//
// Rules (tests/indexer/personal_data_test.cpp holds the cases, false positives included):
// - BSN (burgerservicenummer, formerly sofinummer): nine digits, written together or grouped with
//   single spaces, dots or hyphens ("123456782", "1234.56.782", "123 456 782"), that pass the
//   eleven-test (9*d1 + 8*d2 + ... + 2*d8 - d9 divisible by 11, not all zero) and stand in a BSN
//   context: "BSN", "burgerservicenummer", "sofinummer" or "sofi-nummer" (any case) within
//   kBsnContextBytes before the number (lines included: a table's "BSN" column header covers
//   the rows below it), or within a few characters after it ("123456782 (BSN)"). Amounts, dates,
//   article and phone numbers have other shapes or no such context; a nine-digit number without it
//   is left alone (one in eleven passes the test by chance).
// - IBAN: a country code, two check digits and the account (letters and digits, in groups of four
//   or not), of the length ISO 13616 gives for that country (NL 18, BE 16, DE 22, ...; 15 to 34
//   for others), whose ISO 7064 mod-97 check gives 1. No context needed: the check is strong.
// A masked number becomes "[BSN verwijderd]" or "[IBAN verwijderd]". What is reported is the
// count and the pages, never the numbers.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace kb::extract {

inline constexpr std::size_t kBsnContextBytes = 200;

struct PersonalDataFound {
  int count = 0;           // numbers masked
  std::vector<int> pages;  // 1-based, ascending, each once
};

// Masks in place; `pages` are a document's page texts (UTF-8).
PersonalDataFound MaskPersonalData(std::vector<std::string>& pages);
// One text (a title); returns the number of masks.
int MaskPersonalData(std::string& text);

// The checks themselves, on digits (and letters) only.
bool PassesElevenTest(std::string_view nine_digits);
bool IsValidIban(std::string_view compact);  // "NL91ABNA0417164300", upper case, no spaces

}  // namespace kb::extract
