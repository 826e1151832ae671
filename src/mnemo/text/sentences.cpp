#include "mnemo/text/sentences.h"

#include "mnemo/core/strings.h"

namespace mnemo::text {
namespace {

bool ends_sentence(char c) { return c == '.' || c == '!' || c == '?'; }
bool closes(char c) { return c == '"' || c == '\'' || c == ')' || c == ']'; }

}  // namespace

std::vector<std::string> split_sentences(std::string_view text) {
  std::vector<std::string> sentences;
  std::string current;
  auto finish = [&] {
    while (!current.empty() && current.back() == ' ') current.pop_back();
    if (!current.empty()) sentences.push_back(std::move(current));
    current.clear();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (is_ascii_space(c)) {
      // A blank line ends the paragraph, and with it the sentence.
      if (c == '\n') {
        size_t next = i + 1;
        while (next < text.size() &&
               (text[next] == ' ' || text[next] == '\t' || text[next] == '\r'))
          ++next;
        if (next < text.size() && text[next] == '\n') finish();
      }
      if (!current.empty() && current.back() != ' ') current += ' ';
      continue;
    }
    current += c;
    if (ends_sentence(c)) {
      size_t next = i + 1;
      while (next < text.size() && closes(text[next])) current += text[next++];
      i = next - 1;
      if (next >= text.size() || is_ascii_space(text[next])) finish();
    }
  }
  finish();
  return sentences;
}

}  // namespace mnemo::text
