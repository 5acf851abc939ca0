// Override JSON: the round trip and the strict parsing that names the field of a bad value.
#include <catch2/catch.hpp>

#include "kb/editorial/store.h"

using kb::ErrorKind;
using kb::editorial::Override;

TEST_CASE("Override JSON round trip") {
  Override o;
  o.title = "Jeugdzorg in Assen";
  o.date = "2019-04-30";
  o.kind = "rapport";
  o.evidence = "effectonderzoek";
  o.organisation = "Gemeente Assen";
  o.themes_added = {"jeugdhulp"};
  o.themes_removed = {"wonen"};
  o.themes_confirmed = {"zorg"};
  o.gemeenten_added = {"GM0106"};
  o.gemeenten_removed = {"GM0114"};
  o.gemeenten_confirmed = {"GM0109"};
  o.provincies_added = {"Drenthe"};
  o.provincies_removed = {"Fryslân"};
  o.hidden = true;
  auto back = Override::FromJson(o.ToJson());
  REQUIRE(back.ok());
  CHECK(back->ToJson() == o.ToJson());
  CHECK(*back->title == "Jeugdzorg in Assen");
  CHECK(*back->evidence == "effectonderzoek");
  CHECK_FALSE(Override::FromJson(R"({"evidence":"nieuws"})")->empty());
  CHECK(back->provincies_removed == std::vector<std::string>{"Fryslân"});
  CHECK(back->hidden);
  CHECK_FALSE(back->empty());

  const Override empty;
  CHECK(empty.empty());
  auto empty_back = Override::FromJson(empty.ToJson());
  REQUIRE(empty_back.ok());
  CHECK(empty_back->empty());
  CHECK_FALSE(empty_back->title);

  auto with_null = Override::FromJson(R"({"title":null,"date":""})");
  REQUIRE(with_null.ok());
  CHECK_FALSE(with_null->title);
  REQUIRE(with_null->date);
  CHECK(with_null->date->empty());  // an empty date clears the machine's date
  CHECK_FALSE(with_null->empty());
  CHECK(Override::FromJson(R"({"themes_confirmed":["zorg"]})")->empty() == false);
  for (const char* date : {"2019", "2019-02", "2020-02-29"}) {
    CHECK(Override::FromJson(std::string(R"({"date":")") + date + "\"}").ok());
  }
}

TEST_CASE("Override::FromJson names the field of a bad value") {
  struct Case {
    const char* json;
    const char* field;
  };
  const Case cases[] = {
      {R"({"titel":"x"})", "titel"},
      {R"({"title":""})", "title"},
      {R"({"title":"   "})", "title"},
      {R"({"title":5})", "title"},
      {R"({"date":"30-04-2019"})", "date"},
      {R"({"date":"2019-13"})", "date"},
      {R"({"date":"2019-02-30"})", "date"},
      {R"({"date":"2021-02-29"})", "date"},
      {R"({"kind":"boek"})", "kind"},
      {R"({"evidence":"rapport"})", "evidence"},
      {R"({"evidence":""})", "evidence"},
      {R"({"organisation":["a"]})", "organisation"},
      {R"({"themes_added":"jeugdhulp"})", "themes_added"},
      {R"({"themes_removed":["Jeugd Hulp"]})", "themes_removed"},
      {R"({"themes_confirmed":[1]})", "themes_confirmed"},
      {R"({"gemeenten_added":["Assen"]})", "gemeenten_added"},
      {R"({"gemeenten_removed":["GM01"]})", "gemeenten_removed"},
      {R"({"gemeenten_confirmed":["gm0106"]})", "gemeenten_confirmed"},
      {R"({"provincies_added":[""]})", "provincies_added"},
      {R"({"provincies_added":["Drenthe"],"provincies_removed":["Drenthe"]})",
       "provincies_removed"},
      {R"({"themes_added":["zorg"],"themes_removed":["zorg"]})", "themes_removed"},
      {R"({"hidden":"ja"})", "hidden"},
  };
  for (const auto& c : cases) {
    auto parsed = Override::FromJson(c.json);
    INFO(c.json);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.status().kind() == ErrorKind::kInvalidArgument);
    CHECK(parsed.status().message().find(std::string("\"") + c.field + "\"") != std::string::npos);
  }
  CHECK(Override::FromJson("{not json").status().kind() == ErrorKind::kInvalidArgument);
  CHECK(Override::FromJson("[1]").status().kind() == ErrorKind::kInvalidArgument);
}
