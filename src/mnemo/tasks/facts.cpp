#include "mnemo/tasks/facts.h"

#include <array>

namespace mnemo::tasks {
namespace {

const std::array<const char*, 4> kNames = {"Mary", "John", "Daniel", "Sandra"};
const std::array<const char*, 5> kActions = {"moved", "went", "went back", "journeyed",
                                             "travelled"};

// Compass directions in turning order, so that opposite(d) = (d + 2) % 4.
const std::array<const char*, 4> kDirections = {"north", "east", "south", "west"};

int opposite(int direction) { return (direction + 2) % 4; }

template <typename T, size_t N>
const T& pick(const std::array<T, N>& items, Random& random) {
  return items[random.below(N)];
}

// One adjacency: `near` lies one step in `direction` from `base`.
struct Relation {
  int near, base, direction;
};

// "The {a} is {direction} of the {b}." told from either end of the relation.
std::string relation_sentence(const Relation& relation, bool from_base) {
  const auto& places = place_labels();
  const int subject = from_base ? relation.base : relation.near;
  const int object = from_base ? relation.near : relation.base;
  const int direction = from_base ? opposite(relation.direction) : relation.direction;
  return "The " + places[subject] + " is " + kDirections[direction] + " of the " + places[object] +
         ".";
}

}  // namespace

const std::vector<std::string>& place_labels() {
  static const std::vector<std::string> places = {"bathroom", "hallway", "garden",
                                                  "office",   "bedroom", "kitchen"};
  return places;
}

Question generate_location_fact(Random& random) {
  const std::string name = pick(kNames, random);
  const std::string& place = place_labels()[random.below(place_labels().size())];
  return {{name + " " + pick(kActions, random) + " to the " + place + "."},
          "Where is " + name + "?",
          place};
}

Question generate_relation_facts(Random& random) {
  // Three distinct places: `first` next to `middle`, `last` next to `middle` or to `first`,
  // never on an occupied grid point.
  std::vector<int> order = {0, 1, 2, 3, 4, 5};
  for (size_t i = order.size() - 1; i > 0; --i) std::swap(order[i], order[random.below(i + 1)]);
  const int middle = order[0], first = order[1], last = order[2];
  const int first_direction = static_cast<int>(random.below(4));
  Relation relations[2];
  relations[0] = {first, middle, first_direction};
  if (random.below(2) == 0) {
    // Both around `middle`, in different directions.
    const int second = (first_direction + 1 + static_cast<int>(random.below(3))) % 4;
    relations[1] = {last, middle, second};
  } else {
    // A chain middle -> first -> last that does not come back to `middle`.
    int second = static_cast<int>(random.below(3));
    if (second >= opposite(first_direction)) ++second;
    relations[1] = {last, first, second};
  }
  Question question;
  for (const auto& relation : relations)
    question.facts.push_back(relation_sentence(relation, random.below(2) == 0));
  if (random.below(2) == 0) std::swap(question.facts[0], question.facts[1]);

  const Relation& asked = relations[random.below(2)];
  const auto& places = place_labels();
  if (random.below(2) == 0) {
    // "What is {direction} of the {base}?" -> near
    question.question = std::string("What is ") + kDirections[asked.direction] + " of the " +
                        places[asked.base] + "?";
    question.answer = places[asked.near];
  } else {
    // "What is the {base} {opposite} of?" -> near
    question.question =
        "What is the " + places[asked.base] + " " + kDirections[opposite(asked.direction)] + " of?";
    question.answer = places[asked.near];
  }
  return question;
}

}  // namespace mnemo::tasks
