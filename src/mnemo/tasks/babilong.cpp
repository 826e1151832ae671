#include "mnemo/tasks/babilong.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "mnemo/core/error.h"

namespace mnemo::tasks {
namespace {

BabilongSample sample_of(const nlohmann::json& item, const std::string& where) {
  if (!item.is_object()) throw Error(where + ": expected an object with input, question, target");
  BabilongSample sample;
  for (auto [field, value] :
       {std::pair{"input", &sample.input}, std::pair{"question", &sample.question},
        std::pair{"target", &sample.target}}) {
    const auto found = item.find(field);
    if (found == item.end()) throw Error(where + ": missing field '" + field + "'");
    if (!found->is_string()) throw Error(where + ": field '" + field + "' is not a string");
    *value = found->get<std::string>();
  }
  return sample;
}

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

}  // namespace

std::vector<BabilongSample> read_babilong(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw file_error(file.string(), "cannot open");
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) throw file_error(file.string(), "empty");

  std::vector<BabilongSample> samples;
  if (text[first] == '[') {
    nlohmann::json list;
    try {
      list = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
      throw file_error(file.string(), std::string("malformed JSON: ") + e.what());
    }
    for (size_t i = 0; i < list.size(); ++i)
      samples.push_back(sample_of(list[i], file.string() + ": item " + std::to_string(i)));
    return samples;
  }
  std::istringstream lines(text);
  std::string line;
  for (size_t number = 1; std::getline(lines, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::string where = file.string() + ":" + std::to_string(number);
    nlohmann::json item;
    try {
      item = nlohmann::json::parse(line);
    } catch (const nlohmann::json::parse_error& e) {
      throw Error(where + ": malformed JSON line: " + e.what());
    }
    samples.push_back(sample_of(item, where));
  }
  return samples;
}

bool babilong_correct(const std::string& output, const std::string& target) {
  std::string answer = lowercase(output);
  for (const char* end : {".", "<context>", "<example>"})
    answer = answer.substr(0, answer.find(end));
  return answer.find(lowercase(target)) != std::string::npos;
}

QaTokens qa_tokens(const BabilongSample& sample, const text::Tokenizer& tokenizer) {
  QaTokens tokens;
  for (const auto& part : {sample.input, sample.question, std::string("Answer:")}) {
    if (part.empty()) continue;
    const auto ids = tokenizer.encode(part);
    tokens.prompt.insert(tokens.prompt.end(), ids.begin(), ids.end());
  }
  tokens.answer = tokenizer.encode(sample.target);
  tokens.answer.push_back(text::end_of_text_id(tokenizer));
  return tokens;
}

}  // namespace mnemo::tasks
