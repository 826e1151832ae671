// Reader for the bAbI tasks' text format (qa1..qa20): numbered lines, a story restarts at
// 1, a question line is "N question?<TAB>answer<TAB>supporting fact ids".
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace mnemo::tasks {

struct BabiQuestion {
  std::vector<std::string> story;       // the story's statements before the question
  std::vector<std::string> supporting;  // the statements the question's ids name, in order
  std::string question;
  std::string answer;
  size_t line = 0;  // 1-based line of the question in its file
};

// Every question of the file; errors name the file, the line and what is wrong.
std::vector<BabiQuestion> read_babi(const std::filesystem::path& file);

}  // namespace mnemo::tasks
