#include "mnemo/clamp/synthetic_tunes.h"

#include <algorithm>
#include <array>

#include "mnemo/tasks/random.h"

namespace mnemo::clamp {
namespace {

struct TuneType {
  std::string name, meter;
  int eighths_per_bar;
};

const std::vector<TuneType>& tune_types() {
  static const std::vector<TuneType> types = {{"reel", "4/4", 8},
                                              {"jig", "6/8", 6},
                                              {"waltz", "3/4", 6},
                                              {"march", "2/4", 4},
                                              {"slip jig", "9/8", 9}};
  return types;
}

struct Tempo {
  std::string name;
  int lowest, highest;  // quarter notes per minute
};
const std::array<Tempo, 3> kTempi = {{{"slow", 60, 80}, {"moderate", 96, 120}, {"fast", 140, 180}}};

const std::array<std::string, 7> kTonics = {"C", "D", "E", "F", "G", "A", "Bb"};
const std::string kLetters = "CDEFGAB";

enum class Rhythm { running, held, dotted };
const std::array<std::string, 3> kRhythmWords = {"running eighth notes", "long held notes",
                                                 "dotted, skipping rhythms"};

const std::array<std::string, 8> kAdjectives = {"Green",  "Windy",   "Lonely",  "Merry",
                                                "Silver", "Crooked", "Morning", "Old"};
const std::array<std::string, 8> kNouns = {"Hills", "Harbour", "Road",    "Piper",
                                           "River", "Meadow",  "Lantern", "Bridge"};

template <typename T>
const T& pick(const std::vector<T>& items, tasks::Random& random) {
  return items[random.below(items.size())];
}
template <typename T, size_t N>
const T& pick(const std::array<T, N>& items, tasks::Random& random) {
  return items[random.below(N)];
}

// The note `step` scale steps above the tonic letter, as ABC spells it (the key signature
// supplies the accidentals): octave 0 is C,..B, 1 is C..B, 2 is c..b, 3 is c'..b', ...; the
// high register starts two octaves up.
std::string note(char tonic, int step, bool high) {
  const int index = static_cast<int>(kLetters.find(tonic)) + step;
  const char letter = kLetters[static_cast<size_t>(index % 7)];
  const int octave = index / 7 + (high ? 2 : 0);
  if (octave <= 1)
    return std::string(1, letter) + std::string(static_cast<size_t>(1 - octave), ',');
  return std::string(1, static_cast<char>(letter - 'A' + 'a')) +
         std::string(static_cast<size_t>(octave - 2), '\'');
}

// One bar of `eighths` eighth notes' worth, a melody wandering over the scale.
std::string bar(char tonic, bool high, Rhythm rhythm, int eighths, int& step, bool last,
                tasks::Random& random) {
  std::string text;
  int left = eighths;
  while (left > 0) {
    if (last && left <= 2) {  // end on the tonic
      text += note(tonic, 7, high) + (left == 2 ? "2" : "");
      break;
    }
    step = std::clamp(step + static_cast<int>(random.below(5)) - 2, 0, 11);
    if (rhythm == Rhythm::running || left == 1) {
      text += note(tonic, step, high);
      left -= 1;
    } else if (rhythm == Rhythm::held) {
      const int length = std::min(left, 2 + static_cast<int>(random.below(3)));
      text += note(tonic, step, high) + std::to_string(length) + " ";
      left -= length;
    } else {
      const int next = std::clamp(step + static_cast<int>(random.below(3)) - 1, 0, 11);
      text += note(tonic, step, high) + ">" + note(tonic, next, high) + " ";
      left -= 2;
    }
  }
  return text;
}

}  // namespace

const std::vector<std::string>& synthetic_tune_types() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& type : tune_types()) out.push_back(type.name);
    return out;
  }();
  return names;
}

MusicTextPair synthetic_tune(uint64_t seed, int64_t index) {
  auto random = tasks::Random::keyed({seed, 0x5a17ULL, static_cast<uint64_t>(index)});
  const TuneType& type = pick(tune_types(), random);
  const std::string& tonic = pick(kTonics, random);
  const bool minor = random.below(2) == 1;
  const Tempo& tempo = pick(kTempi, random);
  const int bpm =
      tempo.lowest +
      static_cast<int>(random.below(static_cast<uint64_t>(tempo.highest - tempo.lowest + 1)));
  const bool high = random.below(2) == 1;
  const auto rhythm = static_cast<Rhythm>(random.below(3));
  const int bars = random.below(2) ? 16 : 8;

  MusicTextPair pair;
  pair.title = "The " + pick(kAdjectives, random) + " " + pick(kNouns, random) + " (" +
               std::to_string(index) + ")";
  pair.artist = "mnemo synthetic";
  pair.genre = type.name;
  const std::string key = tonic + (minor ? "m" : "");
  pair.music = "X:1\nT:" + pair.title + "\nL:1/8\nM:" + type.meter +
               "\nQ:1/4=" + std::to_string(bpm) + "\nK:" + key + "\n";
  int step = 7;
  std::string line = "|:";
  for (int i = 0; i < bars; ++i) {
    const bool last = i == bars - 1;
    line += bar(tonic[0], high, rhythm, type.eighths_per_bar, step, last, random);
    line += last ? ":|" : "|";
    if (i % 4 == 3 || last) {
      pair.music += line + "\n";
      line.clear();
    }
  }

  const std::string mode = minor ? "minor" : "major";
  const std::string register_words = high ? "a high register" : "a low register";
  pair.text = pair.title + " is a " + tempo.name + " " + type.name + " in " + tonic + " " + mode +
              ", in " + type.meter + " time. " + "The melody moves in " +
              kRhythmWords[static_cast<size_t>(rhythm)] + " and stays in " + register_words +
              ". It runs " + std::to_string(bars) + " bars at about " + std::to_string(bpm) +
              " beats per minute.";
  return pair;
}

std::vector<MusicTextPair> synthetic_tunes(uint64_t seed, int64_t count) {
  std::vector<MusicTextPair> tunes;
  for (int64_t i = 0; i < count; ++i) tunes.push_back(synthetic_tune(seed, i));
  return tunes;
}

}  // namespace mnemo::clamp
