#include "beb/toy_sentences.h"

#include <random>
#include <string>

#include "test_support.h"

namespace mnemo::beb {

void write_toy_labelled_sentences(const std::filesystem::path& dir, int count) {
  const char* subjects[] = {"the day", "my cat", "the food", "this film"};
  const char* positive[] = {"good", "great", "lovely"};
  const char* negative[] = {"bad", "awful", "dull"};
  std::mt19937 random(9);
  std::string text, labels;
  for (int i = 0; i < count; ++i) {
    const std::string subject = subjects[random() % 4];
    switch (random() % 3) {
      case 0:
        text += subject + " is " + positive[random() % 3] + "\n";
        labels += "1\n";
        break;
      case 1:
        text += subject + " is " + negative[random() % 3] + "\n";
        labels += "-1\n";
        break;
      default:
        text += subject + " is not " + positive[random() % 3] + "\n";
        labels += "-1\n";
    }
  }
  testing::write_text(dir / "text.txt", text);
  testing::write_text(dir / "labels.txt", labels);
}

}  // namespace mnemo::beb
