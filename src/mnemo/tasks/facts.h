// The facts, questions and answers of the RMT paper's synthetic tasks, as text.
#pragma once
#include <string>
#include <vector>

#include "mnemo/tasks/random.h"

namespace mnemo::tasks {

// What a sample asks: facts to hide in the noise (in order), a question and its answer.
struct Question {
  std::vector<std::string> facts;
  std::string question;
  std::string answer;
};

// The six places, which are the answers of every generated task, in label order.
const std::vector<std::string>& place_labels();

// "{name} {action} to the {place}." / "Where is {name}?" -> place (memorize, detect).
Question generate_location_fact(Random& random);

// Two bAbI-task-4 relations sharing a place, e.g. "The hallway is east of the bathroom."
// "The bedroom is west of the bathroom." and a question about one of them, "What is the
// bathroom east of?" -> bedroom. The places lie on a grid, so the facts never contradict
// each other and the question has one answer; which fact it needs is only known at the end.
Question generate_relation_facts(Random& random);

}  // namespace mnemo::tasks
