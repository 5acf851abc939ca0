// Markdown (as found in Jekyll sites, wiki exports and law dumps) to plain text (internal header).
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace kb::extract {

struct MarkdownText {
  // YAML front matter as flat key -> value (quotes removed, block scalars joined, list items
  // joined with "; "). Empty when the file has none.
  std::map<std::string, std::string> front_matter;
  std::string first_heading;  // text of the first ATX ('#') heading, markup removed
  std::string text;           // plain text with paragraphs kept on their own lines
};

// Strips front matter, Liquid tags, HTML tags and comments, <meta> lines, Markdown markup
// (headings, emphasis, links, images, tables, rules, fences) and decodes common HTML entities.
// Front matter values under "content", "intro", "description" and "summary" become text too:
// some sites keep the whole body there.
MarkdownText MarkdownToText(std::string_view markdown);

}  // namespace kb::extract
