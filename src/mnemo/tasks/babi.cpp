#include "mnemo/tasks/babi.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "mnemo/core/error.h"
#include "mnemo/core/numbers.h"

namespace mnemo::tasks {
namespace {

std::string trim(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return "";
  const auto end = text.find_last_not_of(" \t\r");
  return text.substr(begin, end - begin + 1);
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  for (std::string part; std::getline(stream, part, separator);) parts.push_back(part);
  return parts;
}

}  // namespace

std::vector<BabiQuestion> read_babi(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw file_error(file.string(), "cannot open the bAbI file");
  std::vector<BabiQuestion> questions;
  std::map<int64_t, std::string> statements;  // id -> statement, for the current story
  std::vector<std::string> story;
  size_t line_number = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_number;
    if (trim(line).empty()) continue;
    const auto where = file.string() + ":" + std::to_string(line_number);
    size_t digits = 0;
    while (digits < line.size() && std::isdigit(static_cast<unsigned char>(line[digits]))) ++digits;
    if (digits == 0 || digits >= line.size() || line[digits] != ' ')
      throw Error(where + ": expected a line number and a space, got '" + line + "'");
    const auto id = parse_integer(line.substr(0, digits));
    if (!id) throw Error(where + ": line number '" + line.substr(0, digits) + "' is too large");
    if (*id == 1) {
      statements.clear();
      story.clear();
    }
    const std::string rest = line.substr(digits + 1);
    if (rest.find('\t') == std::string::npos) {
      statements[*id] = trim(rest);
      story.push_back(trim(rest));
      continue;
    }
    const auto fields = split(rest, '\t');
    if (fields.size() < 3 || trim(fields[1]).empty())
      throw Error(where + ": a question line needs 'question<TAB>answer<TAB>supporting ids'");
    BabiQuestion question;
    question.question = trim(fields[0]);
    question.answer = trim(fields[1]);
    question.story = story;
    question.line = line_number;
    std::vector<long> supporting_ids;
    for (const auto& token : split(trim(fields[2]), ' ')) {
      if (token.empty()) continue;
      try {
        supporting_ids.push_back(std::stol(token));
      } catch (const std::exception&) {
        throw Error(where + ": supporting fact id '" + token + "' is not a number");
      }
    }
    // The file lists them in reasoning order; the story tells them in time order.
    std::sort(supporting_ids.begin(), supporting_ids.end());
    for (long supporting_id : supporting_ids) {
      const auto found = statements.find(supporting_id);
      if (found == statements.end())
        throw Error(where + ": supporting fact " + std::to_string(supporting_id) +
                    " is not a statement of this story");
      question.supporting.push_back(found->second);
    }
    questions.push_back(std::move(question));
  }
  if (questions.empty()) throw file_error(file.string(), "no bAbI questions found");
  return questions;
}

}  // namespace mnemo::tasks
