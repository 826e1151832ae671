#include "mnemo/memorization/window.h"

#include <string>

#include "mnemo/core/error.h"

namespace mnemo::memorization {

void ExtractionWindow::validate() const {
  if (prompt_length < 1 || continuation_length < 1)
    throw Error("the prompt and the continuation need at least one token each (got " +
                std::to_string(prompt_length) + " and " + std::to_string(continuation_length) +
                ")");
}

}  // namespace mnemo::memorization
